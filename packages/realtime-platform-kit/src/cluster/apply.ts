import { ClusterObject, fieldAt, objectLabel, setField } from './manifests';
import { KubeApiError, KubeClient, KubeObject } from './kubeClient';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** What the server did with one object. */
export interface ApplyOutcome {
  target: ClusterObject;
  action: 'created' | 'patched' | 'unchanged';
  /** The object as the server stored it (or would store it, on a dry run). */
  stored: KubeObject;
}

/** The server refused a composed object; the message names the part, the object and the server's reason. */
export class ApplyError extends Error {
  constructor(readonly target: ClusterObject, readonly serverMessage: string) {
    super(
      `${target.component}/${target.part} (${objectLabel(target.object)}, applied by ${target.via}) was refused by the API server: ${serverMessage}`,
    );
  }
}

const get = (client: KubeClient, o: { apiVersion: string; kind: string; name: string; namespace?: string }) =>
  client.get(o.apiVersion, o.kind, o.name, o.namespace);

async function desiredObject(client: KubeClient, target: ClusterObject): Promise<KubeObject> {
  const desired = structuredClone(target.object);
  for (const ref of target.patchesFrom) {
    const source = await get(client, ref);
    const from = `${ref.kind} ${ref.namespace}/${ref.name}`;
    if (!source) throw new ApplyError(target, `reference ${from} does not exist`);
    const value = fieldAt(source, ref.fieldPath);
    if (value === undefined) throw new ApplyError(target, `reference ${from} has no ${ref.fieldPath}`);
    setField(desired, ref.toFieldPath, value);
  }
  if (target.via === 'provider-kubernetes') {
    desired.metadata.annotations = { ...desired.metadata.annotations, [LAST_APPLIED]: JSON.stringify(target.object) };
  }
  return desired;
}

/**
 * Applies one object the way its applier does. provider-kubernetes (its default patching syncer,
 * without `--enable-server-side-apply`) resolves `references`, records the manifest in the
 * last-applied annotation, then creates the object or sends the whole desired object as a JSON
 * merge patch. KubeVela and Crossplane are approximated the same way (their server-side apply is
 * not reproduced). With `dryRun`, the server validates and answers but stores nothing.
 */
export async function applyObject(
  client: KubeClient,
  target: ClusterObject,
  options: { dryRun?: boolean } = {},
): Promise<ApplyOutcome> {
  const desired = await desiredObject(client, target);
  const write = { dryRun: options.dryRun, fieldManager: target.via };
  try {
    const before = await client.get(desired.apiVersion, desired.kind, desired.metadata.name, desired.metadata.namespace);
    if (!before) return { target, action: 'created', stored: await client.create(desired, write) };
    const stored = await client.mergePatch(desired, desired, write);
    const action = stored.metadata.resourceVersion === before.metadata.resourceVersion ? 'unchanged' : 'patched';
    return { target, action, stored };
  } catch (e) {
    if (e instanceof KubeApiError) throw new ApplyError(target, e.message);
    throw e;
  }
}

/** Applies objects in order; stops at the first refusal. */
export async function applyAll(client: KubeClient, targets: ClusterObject[]): Promise<ApplyOutcome[]> {
  const out: ApplyOutcome[] = [];
  for (const t of targets) out.push(await applyObject(client, t));
  return out;
}
