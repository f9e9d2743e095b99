import {
  RealtimeKit,
  RenderedPlatform,
  RenderResult,
} from '@internal/realtime-platform-kit';
import { Manifest, manifestOf } from './architecture';
import { code, table } from './markdown';
import { containersOf } from './workloads';

const unique = <T>(xs: T[]): T[] => [...new Set(xs)];

function kubevelaRow(kit: RealtimeKit): string[] {
  return [
    'KubeVela',
    `ComponentDefinitions ${[...kit.definitions.keys()]
      .map(code)
      .join(', ')} (${code('core.oam.dev/v1beta1')}), from ${code(
      'platform/realtime-component-definitions.yaml',
    )}`,
  ];
}

function crossplaneRow(kit: RealtimeKit): string[] {
  const { xrd, composition } = kit.compositionFile;
  const served = xrd.spec.versions.find(v => v.served);
  if (!served)
    throw new Error(`XRD ${xrd.metadata.name} has no served version`);
  return [
    'Crossplane',
    `v2: the XRD is ${code(xrd.apiVersion)}, scope ${code(
      xrd.spec.scope ?? 'Namespaced',
    )}, composite ${code(`${xrd.spec.group}/${served.name}`)} ${code(
      xrd.spec.names.kind,
    )}; Composition ${code(composition.metadata.name)} in ${code(
      composition.spec.mode as string,
    )} mode`,
  ];
}

function functionsRow(kit: RealtimeKit): string[] {
  return [
    'Composition functions',
    kit.compositionFile.functions
      .map(
        f =>
          `${code(f.metadata.name)} (${code(
            (f.spec as { package: string }).package,
          )})`,
      )
      .join(', '),
  ];
}

function providerConfigOf(o: Manifest): string {
  const ref = o.spec?.providerConfigRef;
  if (!ref)
    throw new Error(`Object ${o.metadata.name} has no spec.providerConfigRef`);
  return `${ref.kind} ${code(ref.name)}`;
}

/** The provider-kubernetes Objects' API versions and ProviderConfigs. */
function providerRow(platform: RenderedPlatform): string[] {
  const objects: Manifest[] = platform.composed
    .map(c => c.resource)
    .filter(r => r.kind === 'Object');
  const providerApis = unique(objects.map(o => o.apiVersion));
  const providerConfigs = unique(objects.map(providerConfigOf));
  return [
    'Provider',
    `provider-kubernetes serving ${providerApis
      .map(code)
      .join(', ')} with a ${providerConfigs.join(
      ', ',
    )} that may create namespaces and workloads`,
  ];
}

/** Access modes and storage class of every volume claim template. */
function volumeClaims(platform: RenderedPlatform): string[] {
  return platform.composed.flatMap(c => {
    const m = manifestOf(c);
    return (m?.spec?.volumeClaimTemplates ?? []).map(t => {
      const storageClass = t.spec.storageClassName
        ? code(t.spec.storageClassName)
        : 'not set (the cluster default)';
      return `${m.kind} ${code(m.metadata.name)}: ${t.spec.accessModes.join(
        ', ',
      )}, storage class ${storageClass}`;
    });
  });
}

/** The storage each stateful workload requests per pod. */
function storageSizes(platform: RenderedPlatform): string[] {
  return platform.composed
    .map(manifestOf)
    .filter(m => m?.spec?.volumeClaimTemplates)
    .map(
      m =>
        `${code(m.metadata.name)} ${
          m.spec!.volumeClaimTemplates![0].spec.resources.requests.storage
        } per pod`,
    );
}

function storageRow(
  platform: RenderedPlatform,
  minimal: RenderedPlatform,
): string[] {
  return [
    'Storage',
    `a StorageClass for ${volumeClaims(platform).join(
      '; ',
    )}. Sizes on the defaults: ${storageSizes(minimal).join(', ')} (${code(
      'kafka.storage',
    )}, ${code('postgresql.storage')})`,
  ];
}

function imagesRow(platform: RenderedPlatform): string[] {
  const images = new Set<string>();
  for (const c of platform.composed) {
    const { main, init } = containersOf(manifestOf(c));
    for (const x of [...init, ...main]) images.add(x.image);
  }
  return [
    'Images',
    `pulled from the registry the cluster uses: ${[...images]
      .sort()
      .map(code)
      .join(', ')}`,
  ];
}

/**
 * Prerequisites read from the definitions, the composition and rendered platforms: `full` has
 * every part, `minimal` shows the default storage sizes.
 */
export function prerequisites(
  kit: RealtimeKit,
  full: RenderResult,
  minimal: RenderResult,
): string {
  const platform = full.platforms[0];
  const rows = [
    kubevelaRow(kit),
    crossplaneRow(kit),
    functionsRow(kit),
    providerRow(platform),
    storageRow(platform, minimal.platforms[0]),
    imagesRow(platform),
  ];
  return `${table(['Needs', 'What the files require'], rows)}\n`;
}
