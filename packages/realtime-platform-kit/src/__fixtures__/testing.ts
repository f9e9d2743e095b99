import { stringify } from 'yaml';
import { ComposedResource } from '../composition';
import { createKit, FileValidation, RealtimeKit } from '../kit';

/**
 * A rendered object as assertions read it: any field at any depth. The kit types objects as
 * `KubeObject` (fields beyond apiVersion, kind and metadata `unknown`); a test reading a wrong
 * path fails its assertion anyway, so it reads them without narrowing each level.
 */
export type Loose = any;

/** The kit over the repository's platform files. */
export const kit: RealtimeKit = createKit();

/** Builds an OAM Application object. */
export function app(
  name: string,
  components: { name: string; type: string; properties?: any }[],
  namespace = 'apps',
): any {
  return {
    apiVersion: 'core.oam.dev/v1beta1',
    kind: 'Application',
    metadata: { name, namespace },
    spec: { components },
  };
}

/** Validates and renders application objects in one cue run. */
export function check(apps: any[]): Promise<FileValidation[]> {
  return kit.validateTexts(
    apps.map((a, i) => ({ file: `app-${i}.yaml`, text: stringify(a) })),
  );
}

/** Composed resources of the first platform of a valid result. */
export function composedOf(fv: FileValidation, platform = 0) {
  if (!fv.valid)
    throw new Error(
      `expected valid, got: ${fv.issues.map(i => i.message).join('; ')}`,
    );
  return fv.result!.platforms[platform].composed;
}

/** The manifest of a provider-kubernetes Object; undefined for a natively composed resource. */
export function manifestOf(c: ComposedResource): Loose {
  return c.resource?.spec?.forProvider?.manifest;
}

/** The Kubernetes manifests inside the provider-kubernetes Objects of a platform. */
export function manifests(fv: FileValidation, platform = 0): Loose[] {
  return composedOf(fv, platform).map(manifestOf).filter(Boolean);
}

/** A composed resource by composition-resource-name. */
export function resource(
  fv: FileValidation,
  name: string,
  platform = 0,
): Loose {
  return composedOf(fv, platform).find(c => c.name === name)?.resource;
}

/** The first object of a kind the components of a valid result render. */
export function renderedObject(fv: FileValidation, kind: string): Loose {
  return fv.result!.objects.find(o => o.kind === kind);
}

/** Decoded data of a composed native Secret. */
export function secretData(
  fv: FileValidation,
  name: string,
  platform = 0,
): Record<string, string> {
  const s = resource(fv, name, platform);
  return Object.fromEntries(
    Object.entries<string>(s.data ?? {}).map(([k, v]) => [
      k,
      Buffer.from(v, 'base64').toString('utf8'),
    ]),
  );
}

/** Every container (init containers included) of every pod template in a list of objects. */
export function containers(
  objs: any[],
): { owner: string; container: any; init: boolean }[] {
  const out: { owner: string; container: any; init: boolean }[] = [];
  for (const o of objs) {
    const pod = o?.spec?.template?.spec;
    if (!pod) continue;
    for (const c of pod.containers ?? [])
      out.push({
        owner: `${o.kind}/${o.metadata.name}`,
        container: c,
        init: false,
      });
    for (const c of pod.initContainers ?? [])
      out.push({
        owner: `${o.kind}/${o.metadata.name}`,
        container: c,
        init: true,
      });
  }
  return out;
}

/** All string values anywhere inside a value. */
export function strings(v: any, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach(x => strings(x, out));
  else if (v && typeof v === 'object')
    Object.values(v).forEach(x => strings(x, out));
  return out;
}
