import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { RenderResult } from '../kit';
import { KubeObject } from '../types';
import { RuntimeError } from './errors';
import { RUNTIME_DIR, sleep } from './files';
import { RuntimeTools } from './images';
import { serveEgress } from './egress';
import { createPodNetwork, removeNetnses, runNetnses } from './network';
import { RuntimePlan, runtimePlan } from './plan';
import { PodRunner, PodStatus } from './supervisor';

/** `status.json` of a run directory. */
export interface RunStatus {
  run: string;
  pid: number;
  application: { name: string; namespace: string; file: string };
  state: 'starting' | 'ready' | 'failed' | 'stopped';
  /** One line naming the part at fault, when `state` is `failed`. */
  failure?: string;
  updated: string;
  pods: PodStatus[];
}

/** Options of {@link LocalRuntime.up}. */
export interface UpOptions {
  /** The run's directory: status, logs, volumes, claims. */
  dir: string;
  /** Secrets the user creates before deploying (the Lenses license and agent key). */
  userSecrets?: KubeObject[];
  /** Seconds to wait for every workload to be ready and every Job to succeed. */
  timeoutSeconds?: number;
  tools: Omit<RuntimeTools, 'runDir' | 'runtimeDir'>;
  /** Progress lines. */
  log?: (line: string) => void;
}

const STATUS = 'status.json';

/** Reads a run directory's status; undefined when there is none. */
export function readRunStatus(dir: string): RunStatus | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, STATUS), 'utf8'));
  } catch {
    return undefined;
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Stops what a run directory's run left: its supervisor (by pid), then every process in the
 * run's network namespaces, then the namespaces. Safe on a run that was interrupted or is gone.
 */
export async function stopRun(dir: string): Promise<RunStatus | undefined> {
  const status = readRunStatus(dir);
  if (!status) return undefined;
  if (status.pid !== process.pid && alive(status.pid)) {
    process.kill(status.pid, 'SIGTERM');
    for (let t = 0; t < 30_000 && alive(status.pid); t += 250) await sleep(250);
  }
  await removeNetnses(runNetnses(status.run));
  const after = readRunStatus(dir) ?? status;
  if (after.state !== 'stopped') {
    after.state = 'stopped';
    fs.writeFileSync(path.join(dir, STATUS), JSON.stringify(after, null, 2));
  }
  return after;
}

/**
 * A test harness for the composed configuration, not a Kubernetes: runs every pod an application
 * renders to as processes of the real server software (or of a named stand-in), each pod in a
 * private network namespace of its own, with its Secrets and ConfigMaps as files at their
 * mountPaths, its composed env, command and probes.
 */
export class LocalRuntime {
  private runners: PodRunner[] = [];
  /** What the run starts; set by {@link LocalRuntime.up}. */
  plan?: RuntimePlan;
  private status!: RunStatus;
  private stopped = false;
  private readonly egress = new Map<
    string,
    Promise<{ socket: string; close: () => void }>
  >();

  constructor(private readonly result: RenderResult) {}

  private write() {
    this.status.updated = new Date().toISOString();
    this.status.pods = this.runners.map(r => r.status);
    const tmp = path.join(this.dir, `${STATUS}.tmp`);
    fs.writeFileSync(tmp, JSON.stringify(this.status, null, 2));
    fs.renameSync(tmp, path.join(this.dir, STATUS));
  }

  private dir = '';

  /** Starts every pod and resolves when all are ready and every Job succeeded; throws on failure. */
  async up(options: UpOptions): Promise<RunStatus> {
    const log = options.log ?? (() => undefined);
    this.dir = path.resolve(options.dir);
    await stopRun(this.dir);
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    // Each render generates the platform's credentials afresh (a cluster reads them back from
    // the observed Secret), so claims of an earlier run would hold data made with other ones.
    for (const sub of ['pods', 'claims'])
      fs.rmSync(path.join(this.dir, sub), { recursive: true, force: true });
    const plan = runtimePlan(this.result, options.userSecrets);
    this.plan = plan;
    const run = `rk${randomBytes(3).toString('hex')}`;
    this.status = {
      run,
      pid: process.pid,
      application: { ...this.result.application, file: this.result.file },
      state: 'starting',
      updated: '',
      pods: [],
    };
    const tools: RuntimeTools = {
      ...options.tools,
      runDir: this.dir,
      runtimeDir: RUNTIME_DIR,
    };
    const egressSocket = async (host: string, port: number) => {
      const k = `${host}:${port}`;
      if (!this.egress.has(k))
        this.egress.set(k, serveEgress(this.dir, { host, port, address: '' }));
      return (await this.egress.get(k)!).socket;
    };
    this.runners = plan.pods.map(
      (pod, i) =>
        new PodRunner(
          plan,
          pod,
          i,
          { id: run, dir: this.dir, tools, egressSocket },
          () => this.write(),
        ),
    );
    this.write();
    createPodNetwork(run, plan.pods);
    log(`run ${run}: ${plan.pods.length} pods in ${this.dir}`);
    for (const r of this.runners) void r.start();
    const deadline = Date.now() + (options.timeoutSeconds ?? 600) * 1000;
    for (;;) {
      const failed = this.runners.find(r => r.status.phase === 'Failed');
      if (failed) {
        const s = failed.status;
        this.status.state = 'failed';
        this.status.failure = `part ${s.part} (pod ${s.namespace}/${s.name}): ${s.message}`;
        this.write();
        await this.down();
        throw new RuntimeError(
          `part ${s.part}`,
          `pod ${s.namespace}/${s.name}: ${s.message}`,
          undefined,
          s.log,
        );
      }
      const waiting = this.runners.filter(r =>
        r.isJob
          ? r.status.phase !== 'Succeeded'
          : r.status.phase !== 'App' && !r.status.ready,
      );
      if (!waiting.length) break;
      if (Date.now() > deadline) {
        const names = waiting.map(
          r =>
            `${r.status.part} (${r.status.name}: ${
              r.status.message ?? r.status.phase
            })`,
        );
        this.status.state = 'failed';
        this.status.failure = `not ready within ${
          options.timeoutSeconds ?? 600
        }s: ${names.join(', ')}`;
        this.write();
        await this.down();
        throw new RuntimeError('local run', this.status.failure);
      }
      await sleep(500);
    }
    this.status.state = 'ready';
    this.write();
    log(`run ${run}: every workload ready, every Job succeeded`);
    return this.status;
  }

  /** Stops every pod and removes the run's namespaces; nothing of the run keeps running. */
  async down(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const r of this.runners) r.stop();
    await removeNetnses(runNetnses(this.status.run));
    for (const e of this.egress.values()) (await e).close();
    this.status.state = this.status.state === 'failed' ? 'failed' : 'stopped';
    this.write();
  }

  /**
   * Kills a pod's containers (SIGKILL, as a node failure would) and resolves once the restarted
   * pod is ready again.
   */
  async restartPod(
    name: string,
    namespace: string,
    timeoutSeconds = 180,
  ): Promise<void> {
    const r = this.runners.find(
      x => x.status.name === name && x.status.namespace === namespace,
    );
    if (!r)
      throw new RuntimeError(`pod ${namespace}/${name}`, 'not in this run');
    const restarts = r.status.restarts;
    r.crash();
    const deadline = Date.now() + timeoutSeconds * 1000;
    while (!(r.status.restarts > restarts && r.status.ready)) {
      if (Date.now() > deadline || r.status.phase === 'Failed')
        throw new RuntimeError(
          `pod ${namespace}/${name}`,
          `not ready again within ${timeoutSeconds}s after a restart`,
        );
      await sleep(500);
    }
  }

  /** Asks every composed liveness probe once (readiness probes already passed for `ready`). */
  async liveness(): Promise<{ pod: string; container: string; ok: boolean }[]> {
    const out = [];
    for (const r of this.runners)
      if (r.status.phase === 'Running')
        for (const l of await r.livenessOnce())
          out.push({ pod: r.status.name, ...l });
    return out;
  }
}
