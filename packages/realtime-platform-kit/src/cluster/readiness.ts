import { ClusterObject, objectLabel } from './manifests';
import { KubeClient, KubeObject } from './kubeClient';

/** Whether a stored workload has reached its goal, and why not. */
export interface WorkloadState {
  ready: boolean;
  failed: boolean;
  detail: string;
}

/** The `status` fields of Deployments, StatefulSets and Jobs the readiness check reads. */
interface WorkloadStatus {
  observedGeneration?: number;
  readyReplicas?: number;
  updatedReplicas?: number;
  succeeded?: number;
  active?: number;
  conditions?: {
    type: string;
    status: string;
    reason?: string;
    message?: string;
  }[];
}

/** Ready when every replica of the current generation is ready (Deployment, StatefulSet) or the Job succeeded. */
export function workloadState(o: KubeObject): WorkloadState | undefined {
  const s = (o.status ?? {}) as WorkloadStatus;
  const current = (s.observedGeneration ?? 0) >= (o.metadata.generation ?? 0);
  switch (o.kind) {
    case 'Deployment':
    case 'StatefulSet': {
      const want = (o.spec as { replicas?: number }).replicas ?? 1;
      const ready = s.readyReplicas ?? 0;
      const updated = s.updatedReplicas ?? 0;
      return {
        ready: current && ready === want && updated === want,
        failed: false,
        detail: `${ready}/${want} ready, ${updated} updated`,
      };
    }
    case 'Job': {
      const cond = (type: string) =>
        (s.conditions ?? []).find(c => c.type === type && c.status === 'True');
      const failed = cond('Failed');
      return {
        ready: !!cond('Complete'),
        failed: !!failed,
        detail: failed
          ? `failed: ${failed.reason}: ${failed.message}`
          : `${s.succeeded ?? 0} succeeded, ${s.active ?? 0} active`,
      };
    }
    default:
      return undefined;
  }
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'Job']);

/**
 * Polls every workload among `targets` until all are ready (Jobs succeeded), one fails, or
 * `timeoutMs` passes; the error lists each workload that is not there yet with its state.
 */
export async function waitForWorkloads(
  client: KubeClient,
  targets: ClusterObject[],
  timeoutMs = 120_000,
): Promise<Map<string, KubeObject>> {
  const workloads = targets.filter(t => WORKLOADS.has(t.object.kind));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const stored = new Map<string, KubeObject>();
    const pending: string[] = [];
    for (const t of workloads) {
      const o = await client.get(
        t.object.apiVersion,
        t.object.kind,
        t.object.metadata.name,
        t.object.metadata.namespace,
      );
      const label = `${t.component}/${t.part} (${objectLabel(t.object)})`;
      if (!o) {
        pending.push(`${label}: not found`);
        continue;
      }
      stored.set(label, o);
      const state = workloadState(o)!;
      if (state.failed) throw new Error(`${label} ${state.detail}`);
      if (!state.ready) pending.push(`${label}: ${state.detail}`);
    }
    if (!pending.length) return stored;
    if (Date.now() > deadline)
      throw new Error(
        `not ready after ${timeoutMs / 1000} s:\n  ${pending.join('\n  ')}`,
      );
    await new Promise(r => setTimeout(r, 500));
  }
}
