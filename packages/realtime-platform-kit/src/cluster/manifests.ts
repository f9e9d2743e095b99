import { RenderResult } from '../kit';
import { KubeObject } from './kubeClient';

/** provider-kubernetes `spec.references[].patchesFrom`: a field copied from another object at apply time. */
export interface PatchFrom {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  fieldPath: string;
  toFieldPath: string;
}

/** One object the cluster receives for an application, with where it came from. */
export interface ClusterObject {
  /** The component that rendered it. */
  component: string;
  /** Composition resource name for composed objects, `output`/`outputs.<name>` for component outputs. */
  part: string;
  /** How it reaches the API server. */
  via: 'kubevela' | 'crossplane' | 'provider-kubernetes';
  object: KubeObject;
  /** Fields provider-kubernetes resolves from other objects before it applies the manifest. */
  patchesFrom: PatchFrom[];
}

/** Order in which objects are applied: what others reference or run in comes first. */
const KIND_ORDER = [
  'Namespace',
  'ServiceAccount',
  'Secret',
  'ConfigMap',
  'PersistentVolumeClaim',
  'Service',
  'NetworkPolicy',
  'StatefulSet',
  'Deployment',
  'Job',
];
const rank = (o: ClusterObject) => {
  if (o.via === 'kubevela' && o.object.kind === 'RealtimePlatform') return -1;
  const i = KIND_ORDER.indexOf(o.object.kind);
  return i < 0 ? KIND_ORDER.length : i;
};

/** `Kind namespace/name`, for messages. */
export function objectLabel(o: KubeObject): string {
  const ns = o.metadata.namespace ? `${o.metadata.namespace}/` : '';
  return `${o.kind} ${ns}${o.metadata.name}`;
}

/**
 * Every object the cluster would hold for a rendered application: the components' outputs
 * (applied by KubeVela, the `RealtimePlatform` composite among them), the Secrets the Composition
 * composes natively (applied by Crossplane), and the manifests inside provider-kubernetes
 * `Object`s, unwrapped as provider-kubernetes applies them. Sorted in apply order.
 */
export function clusterObjects(result: RenderResult): ClusterObject[] {
  const out: ClusterObject[] = [];
  for (const c of result.components) {
    out.push({
      component: c.name,
      part: 'output',
      via: 'kubevela',
      object: c.output,
      patchesFrom: [],
    });
    for (const [name, obj] of Object.entries(c.outputs))
      out.push({
        component: c.name,
        part: `outputs.${name}`,
        via: 'kubevela',
        object: obj,
        patchesFrom: [],
      });
  }
  for (const p of result.platforms) {
    for (const c of p.composed) {
      const manifest = c.resource?.spec?.forProvider?.manifest;
      if (c.resource?.kind === 'Object' && manifest) {
        out.push({
          component: p.component,
          part: c.name,
          via: 'provider-kubernetes',
          object: manifest,
          patchesFrom: (c.resource.spec?.references ?? []).flatMap(r =>
            r.patchesFrom
              ? [{ ...r.patchesFrom, toFieldPath: r.toFieldPath! }]
              : [],
          ),
        });
      } else {
        out.push({
          component: p.component,
          part: c.name,
          via: 'crossplane',
          object: c.resource,
          patchesFrom: [],
        });
      }
    }
  }
  return out
    .map((o, i) => ({ o, i }))
    .sort((a, b) => rank(a.o) - rank(b.o) || a.i - b.i)
    .map(({ o }) => o);
}

/** Reads a dotted field path (`data.KEY`); undefined when a step on the way is missing. */
export function fieldAt(obj: unknown, fieldPath: string): unknown {
  return fieldPath
    .split('.')
    .reduce<unknown>(
      (cur, seg) =>
        cur === null || cur === undefined
          ? undefined
          : (cur as Record<string, unknown>)[seg],
      obj,
    );
}

/** Writes a dotted field path, creating objects on the way. */
export function setField(
  obj: Record<string, unknown>,
  fieldPath: string,
  value: unknown,
): void {
  const segs = fieldPath.split('.');
  let cur = obj;
  for (const seg of segs.slice(0, -1))
    cur = (cur[seg] ??= {}) as Record<string, unknown>;
  cur[segs[segs.length - 1]] = value;
}
