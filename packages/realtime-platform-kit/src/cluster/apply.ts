import {
  ClusterObject,
  fieldAt,
  objectLabel,
  PatchFrom,
  setField,
} from './manifests';
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
      `${target.component}/${target.part} (${objectLabel(
        target.object,
      )}, applied by ${
        target.via
      }) was refused by the API server: ${serverMessage}`,
    );
  }
}

/** Where `references` are read from: objects of the same reconcile first, then the cluster. */
async function referenced(
  client: KubeClient,
  ref: PatchFrom,
  sources: KubeObject[],
): Promise<KubeObject | undefined> {
  const own = sources.find(
    o =>
      o.kind === ref.kind &&
      o.metadata.name === ref.name &&
      o.metadata.namespace === ref.namespace,
  );
  return own ?? client.get(ref.apiVersion, ref.kind, ref.name, ref.namespace);
}

async function desiredObject(
  client: KubeClient,
  target: ClusterObject,
  sources: KubeObject[],
): Promise<KubeObject> {
  const desired = structuredClone(target.object);
  for (const ref of target.patchesFrom) {
    const source = await referenced(client, ref, sources);
    const from = `${ref.kind} ${ref.namespace}/${ref.name}`;
    if (!source)
      throw new ApplyError(target, `reference ${from} does not exist`);
    const value = fieldAt(source, ref.fieldPath);
    if (value === undefined)
      throw new ApplyError(target, `reference ${from} has no ${ref.fieldPath}`);
    setField(desired, ref.toFieldPath, value);
  }
  if (target.via === 'provider-kubernetes') {
    desired.metadata.annotations = {
      ...desired.metadata.annotations,
      [LAST_APPLIED]: JSON.stringify(target.object),
    };
  }
  return desired;
}

/** Options of {@link applyObject}. */
export interface ApplyOptions {
  /** Server-side dry run: the server validates and answers, nothing is stored. */
  dryRun?: boolean;
  /**
   * Objects written earlier in the same reconcile (the natively composed Secrets): `references`
   * resolve against them before the cluster, as they would once those were applied.
   */
  sources?: KubeObject[];
}

/**
 * Applies one object the way its applier does.
 * - provider-kubernetes (its default patching syncer, without `--enable-server-side-apply`):
 *   resolves `references`, records the manifest in the last-applied annotation, then creates the
 *   object or sends the whole desired object as a JSON merge patch (a key removed from the
 *   manifest is therefore not removed from the object).
 * - Crossplane v2 (natively composed resources) and KubeVela (component outputs): server-side
 *   apply with a field manager of their own, so a removed field is removed. Crossplane applies
 *   that way; KubeVela's own three-way merge is approximated by it.
 */
export async function applyObject(
  client: KubeClient,
  target: ClusterObject,
  options: ApplyOptions = {},
): Promise<ApplyOutcome> {
  const desired = await desiredObject(client, target, options.sources ?? []);
  const { dryRun } = options;
  try {
    const md = desired.metadata;
    const before = await client.get(
      desired.apiVersion,
      desired.kind,
      md.name,
      md.namespace,
    );
    let stored: KubeObject;
    if (target.via !== 'provider-kubernetes')
      stored = await client.serverSideApply(desired, target.via, { dryRun });
    else if (!before)
      stored = await client.create(desired, {
        dryRun,
        fieldManager: target.via,
      });
    else
      stored = await client.mergePatch(desired, desired, {
        dryRun,
        fieldManager: target.via,
      });
    let action: ApplyOutcome['action'] = 'created';
    if (before)
      action =
        stored.metadata.resourceVersion === before.metadata.resourceVersion
          ? 'unchanged'
          : 'patched';
    return { target, action, stored };
  } catch (e) {
    if (e instanceof KubeApiError) throw new ApplyError(target, e.message);
    throw e;
  }
}

/** Applies objects in order; stops at the first refusal. */
export async function applyAll(
  client: KubeClient,
  targets: ClusterObject[],
): Promise<ApplyOutcome[]> {
  const out: ApplyOutcome[] = [];
  for (const t of targets) out.push(await applyObject(client, t));
  return out;
}
