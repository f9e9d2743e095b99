import { RealtimeKit, RenderResult } from '@internal/realtime-platform-kit';
import { manifestOf } from './architecture';
import { code, table } from './markdown';
import { containersOf } from './workloads';

const unique = <T>(xs: T[]): T[] => [...new Set(xs)];

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
  const objects = platform.composed
    .map(c => c.resource)
    .filter(r => r.kind === 'Object');
  const providerApis = unique(objects.map(o => o.apiVersion as string));
  const providerConfigs = unique(
    objects.map(
      o =>
        `${o.spec.providerConfigRef.kind} ${code(
          o.spec.providerConfigRef.name,
        )}`,
    ),
  );
  const pvcs: string[] = [];
  const images = new Set<string>();
  for (const c of platform.composed) {
    const m = manifestOf(c);
    for (const t of m?.spec?.volumeClaimTemplates ?? []) {
      const storageClass = t.spec.storageClassName
        ? code(t.spec.storageClassName)
        : 'not set (the cluster default)';
      pvcs.push(
        `${m.kind} ${code(m.metadata.name)}: ${t.spec.accessModes.join(
          ', ',
        )}, storage class ${storageClass}`,
      );
    }
    const { main, init } = containersOf(m);
    for (const x of [...init, ...main]) images.add(x.image);
  }
  const defaults = minimal.platforms[0].composed
    .map(manifestOf)
    .filter(m => m?.spec?.volumeClaimTemplates)
    .map(
      m =>
        `${code(m.metadata.name)} ${
          m.spec!.volumeClaimTemplates![0].spec.resources.requests.storage
        } per pod`,
    );
  const { xrd, composition, functions } = kit.compositionFile;
  const served = xrd.spec.versions.find((v: { served: boolean }) => v.served);
  const rows = [
    [
      'KubeVela',
      `ComponentDefinitions ${[...kit.definitions.keys()]
        .map(code)
        .join(', ')} (${code('core.oam.dev/v1beta1')}), from ${code(
        'platform/realtime-component-definitions.yaml',
      )}`,
    ],
    [
      'Crossplane',
      `v2: the XRD is ${code(xrd.apiVersion)}, scope ${code(
        xrd.spec.scope ?? 'Namespaced',
      )}, composite ${code(`${xrd.spec.group}/${served.name}`)} ${code(
        xrd.spec.names.kind,
      )}; Composition ${code(composition.metadata.name)} in ${code(
        composition.spec.mode,
      )} mode`,
    ],
    [
      'Composition functions',
      functions
        .map(
          (f: { metadata: { name: string }; spec: { package: string } }) =>
            `${code(f.metadata.name)} (${code(f.spec.package)})`,
        )
        .join(', '),
    ],
    [
      'Provider',
      `provider-kubernetes serving ${providerApis
        .map(code)
        .join(', ')} with a ${providerConfigs.join(
        ', ',
      )} that may create namespaces and workloads`,
    ],
    [
      'Storage',
      `a StorageClass for ${pvcs.join(
        '; ',
      )}. Sizes on the defaults: ${defaults.join(', ')} (${code(
        'kafka.storage',
      )}, ${code('postgresql.storage')})`,
    ],
    [
      'Images',
      `pulled from the registry the cluster uses: ${[...images]
        .sort()
        .map(code)
        .join(', ')}`,
    ],
  ];
  return `${table(['Needs', 'What the files require'], rows)}\n`;
}
