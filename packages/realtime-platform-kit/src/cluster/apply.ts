import { ClusterObject, fieldAt, objectLabel, setField } from './manifests';
import { KubeObject, Kubectl, KubectlError } from './kubectl';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** What the server did with one object. */
export interface ApplyOutcome {
  target: ClusterObject;
  action: 'created' | 'patched' | 'unchanged';
  /** The object as the server stored it. */
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

async function resolvePatches(kubectl: Kubectl, target: ClusterObject): Promise<KubeObject> {
  const desired = structuredClone(target.object);
  for (const ref of target.patchesFrom) {
    const source = await kubectl.get(ref.kind, ref.name, ref.namespace);
    if (!source)
      throw new ApplyError(target, `reference ${ref.kind} ${ref.namespace}/${ref.name} does not exist`);
    const value = fieldAt(source, ref.fieldPath);
    if (value === undefined)
      throw new ApplyError(target, `reference ${ref.kind} ${ref.namespace}/${ref.name} has no ${ref.fieldPath}`);
    setField(desired, ref.toFieldPath, value);
  }
  return desired;
}

/**
 * Applies one object the way its applier does. provider-kubernetes (its default patching syncer,
 * without `--enable-server-side-apply`) resolves `references`, records the manifest in the
 * last-applied annotation, then creates the object or sends the whole desired object as a JSON
 * merge patch; KubeVela and Crossplane are approximated the same way (their server-side apply is
 * not reproduced).
 */
export async function applyObject(kubectl: Kubectl, target: ClusterObject): Promise<ApplyOutcome> {
  const desired = await resolvePatches(kubectl, target);
  if (target.via === 'provider-kubernetes') {
    desired.metadata.annotations = {
      ...desired.metadata.annotations,
      [LAST_APPLIED]: JSON.stringify(target.object),
    };
  }
  const body = JSON.stringify(desired);
  const before = await kubectl.get(desired.kind, desired.metadata.name, desired.metadata.namespace);
  try {
    if (!before) {
      const stored = JSON.parse(await kubectl.run(['create', '-f', '-', '-o', 'json'], body));
      return { target, action: 'created', stored };
    }
    const stored = JSON.parse(
      await kubectl.run(['patch', '-f', '-', '--type', 'merge', '-p', body, '-o', 'json'], body),
    );
    const action = stored.metadata.resourceVersion === before.metadata.resourceVersion ? 'unchanged' : 'patched';
    return { target, action, stored };
  } catch (e) {
    if (e instanceof KubectlError) throw new ApplyError(target, e.message);
    throw e;
  }
}

/** Applies objects in order; stops at the first refusal. */
export async function applyAll(kubectl: Kubectl, targets: ClusterObject[]): Promise<ApplyOutcome[]> {
  const out: ApplyOutcome[] = [];
  for (const t of targets) out.push(await applyObject(kubectl, t));
  return out;
}

/** What a server-side dry run of the same request says: the object it would store, or its refusal. */
export interface DryRun {
  /** The object as the server would store it. */
  stored?: KubeObject;
  /** The server's message when it refuses the request. */
  refused?: string;
}

/** Sends the request {@link applyObject} would send, as a server-side dry run: nothing is stored. */
export async function dryRunObject(kubectl: Kubectl, target: ClusterObject): Promise<DryRun> {
  const desired = await resolvePatches(kubectl, target);
  const body = JSON.stringify(desired);
  const exists = await kubectl.get(desired.kind, desired.metadata.name, desired.metadata.namespace);
  try {
    const out = await kubectl.run(
      exists
        ? ['patch', '-f', '-', '--type', 'merge', '-p', body, '--dry-run=server', '-o', 'json']
        : ['create', '-f', '-', '--dry-run=server', '-o', 'json'],
      body,
    );
    return { stored: JSON.parse(out) };
  } catch (e) {
    if (e instanceof KubectlError) return { refused: e.message };
    throw e;
  }
}
