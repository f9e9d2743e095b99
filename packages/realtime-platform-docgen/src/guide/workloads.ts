import { Container, Manifest } from './architecture';

/** The containers and init containers of a workload's pod template (none for other kinds). */
export function containersOf(m: Manifest | undefined): {
  main: Container[];
  init: Container[];
} {
  const spec = m?.spec?.template?.spec ?? {};
  return { main: spec.containers ?? [], init: spec.initContainers ?? [] };
}

/** A CPU quantity (`500m`, `2`) in millicores; 0 when unset. */
export function cpuMilli(q: string | undefined): number {
  if (q === undefined) return 0;
  return q.endsWith('m') ? Number(q.slice(0, -1)) : Number(q) * 1000;
}

const MEMORY_UNITS: Record<string, number> = {
  Mi: 1,
  Gi: 1024,
  Ti: 1024 * 1024,
};

/** A memory quantity (`512Mi`, `2Gi`) in MiB; 0 when unset. The templates use no other units. */
export function memMi(q: string | undefined): number {
  if (q === undefined) return 0;
  const m = /^(\d+)(Mi|Gi|Ti)$/.exec(q);
  if (!m) throw new Error(`unexpected memory quantity ${q}`);
  return Number(m[1]) * MEMORY_UNITS[m[2]];
}

/** Millicores as the templates write them (`2`, `250m`). */
export const fmtCpu = (m: number): string =>
  m % 1000 === 0 ? String(m / 1000) : `${m}m`;

/** MiB as a short quantity (`2Gi`, `1.5Gi`, `512Mi`). */
export function fmtMem(mi: number): string {
  if (mi % 1024 === 0) return `${mi / 1024}Gi`;
  return mi > 1024 ? `${(mi / 1024).toFixed(1)}Gi` : `${mi}Mi`;
}

/** Requests of one pod. */
export interface PodRequests {
  /** Millicores. */
  cpu: number;
  /** MiB. */
  mem: number;
  /** Sum of the containers' memory limits, MiB. */
  memLimit: number;
}

/** Pod requests as the scheduler sees them: max(sum of containers, largest init container). */
export function podRequests(m: Manifest): PodRequests {
  const { main, init } = containersOf(m);
  type Requests = NonNullable<NonNullable<Container['resources']>['requests']>;
  const sum = (k: (r: Requests) => number) =>
    main.reduce((a, c) => a + k(c.resources?.requests ?? {}), 0);
  const maxInit = (k: (r: Requests) => number) =>
    init.reduce((a, c) => Math.max(a, k(c.resources?.requests ?? {})), 0);
  const cpu = (r: Requests) => cpuMilli(r.cpu);
  const mem = (r: Requests) => memMi(r.memory);
  const memLimit = main.reduce(
    (a, c) => a + memMi(c.resources?.limits?.memory),
    0,
  );
  return {
    cpu: Math.max(sum(cpu), maxInit(cpu)),
    mem: Math.max(sum(mem), maxInit(mem)),
    memLimit,
  };
}
