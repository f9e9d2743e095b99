import type {
  ClusterObjects,
  ObjectsByEntityResponse,
} from '@backstage/plugin-kubernetes-common';

/** A condition of the composite, as Crossplane writes it. */
export interface LiveCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** A Deployment or StatefulSet: its `app.kubernetes.io/name` and ready of desired replicas. */
export interface LiveWorkload {
  name: string;
  kind: string;
  ready: number;
  desired: number;
}

/** A Job whose `Failed` condition is true. */
export interface FailedJob {
  name: string;
  reason: string;
  message?: string;
}

/** What the cluster says of a platform: the card's live state once a response arrived. */
export type LiveState =
  | { kind: 'notFound' }
  | { kind: 'forbidden'; cluster: string; message: string }
  | { kind: 'unreachable'; cluster: string; message: string }
  | {
      kind: 'live';
      cluster: string;
      conditions: LiveCondition[];
      workloads: LiveWorkload[];
      failedJobs: FailedJob[];
      /** What the backend could not read on that cluster (a forbidden object type, say). */
      unread: string[];
      /** The newest transition time of a condition of the composite or of a workload. */
      lastChange?: string;
    };

const NAME_LABEL = 'app.kubernetes.io/name';
const COMPOSITE_KIND = 'RealtimePlatform';

type Loose = any;

const resourcesOf = (item: ClusterObjects, type: string): Loose[] =>
  item.resources
    .filter(r => r.type === type)
    .flatMap(r => r.resources as Loose[]);

/** The kind of each workload type; items of a list response carry no `kind` of their own. */
const WORKLOAD_KINDS: Record<string, string> = {
  deployments: 'Deployment',
  statefulsets: 'StatefulSet',
};

function workloadsOf(item: ClusterObjects): LiveWorkload[] {
  return Object.entries(WORKLOAD_KINDS)
    .flatMap(([type, kind]) => resourcesOf(item, type).map(w => ({ w, kind })))
    .map(({ w, kind }) => ({
      name: w.metadata?.labels?.[NAME_LABEL] ?? w.metadata?.name,
      kind,
      ready: w.status?.readyReplicas ?? 0,
      desired: w.spec?.replicas ?? 1,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function failedJobsOf(item: ClusterObjects): FailedJob[] {
  return resourcesOf(item, 'jobs').flatMap(job => {
    const failed = (job.status?.conditions ?? []).find(
      (c: Loose) => c.type === 'Failed' && c.status === 'True',
    );
    return failed
      ? [
          {
            name: job.metadata?.name,
            reason: failed.reason ?? 'Failed',
            message: failed.message,
          },
        ]
      : [];
  });
}

function newest(times: (string | undefined)[]): string | undefined {
  return times
    .filter((t): t is string => !!t)
    .sort()
    .at(-1);
}

/** One cluster's objects of the platform as the card shows them. */
function liveOf(item: ClusterObjects): LiveState {
  const composite = resourcesOf(item, 'customresources').find(
    o => o.kind === COMPOSITE_KIND,
  );
  const all: Loose[] = composite?.status?.conditions ?? [];
  const conditions: LiveCondition[] = ['Ready', 'Synced']
    .flatMap(type => all.filter(c => c.type === type))
    .map(c => ({
      type: c.type,
      status: c.status,
      reason: c.reason,
      message: c.message,
      lastTransitionTime: c.lastTransitionTime,
    }));
  const workloadTimes = Object.keys(WORKLOAD_KINDS).flatMap(type =>
    resourcesOf(item, type).flatMap((w: Loose) =>
      (w.status?.conditions ?? []).map((c: Loose) => c.lastTransitionTime),
    ),
  );
  return {
    kind: 'live',
    cluster: item.cluster.name,
    conditions,
    workloads: workloadsOf(item),
    failedJobs: failedJobsOf(item),
    unread: item.errors.map(describeError),
    lastChange: newest([
      ...conditions.map(c => c.lastTransitionTime),
      ...workloadTimes,
    ]),
  };
}

type FetchError = ClusterObjects['errors'][number];

const isForbidden = (e: FetchError) =>
  e.errorType === 'UNAUTHORIZED_ERROR' ||
  ('statusCode' in e && (e.statusCode === 401 || e.statusCode === 403));

/** The backend's own words: a fetch error's message, or a status error's type, code and path. */
function describeError(e: FetchError): string {
  if ('message' in e) return e.message;
  const code = e.statusCode ? ` ${e.statusCode}` : '';
  return `${e.errorType}${code}${
    e.resourcePath ? ` on ${e.resourcePath}` : ''
  }`;
}

/**
 * The card's live state from the Kubernetes plugin's response for the entity: the first cluster
 * that holds the platform, else why none could be read.
 */
export function liveStateOf(response: ObjectsByEntityResponse): LiveState {
  const withObjects = response.items.find(i =>
    i.resources.some(r => r.resources.length > 0),
  );
  if (withObjects) return liveOf(withObjects);
  const failing = response.items.find(i => i.errors.length > 0);
  if (!failing) return { kind: 'notFound' };
  const messages = failing.errors.map(describeError).join('; ');
  return failing.errors.every(isForbidden)
    ? { kind: 'forbidden', cluster: failing.cluster.name, message: messages }
    : { kind: 'unreachable', cluster: failing.cluster.name, message: messages };
}

/** Whether an error of the Kubernetes client says the portal has no Kubernetes backend. */
export function isBackendMissing(error: Error): boolean {
  return /HTTP 404/.test(error.message);
}
