import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { RuntimeError } from './errors';
import { launchArgs, sleep } from './files';
import {
  APPLICATION_IMAGE,
  imageProfile,
  ImageProfile,
  RuntimeTools,
} from './images';
import { egressHosts, startForwarder } from './egress';
import { IP, podNetns } from './network';
import { ContainerSpec, Probe, RuntimePlan, RuntimePod } from './plan';
import { containerArgv, containerEnv } from './podEnv';
import { containerSecurity } from './security';
import {
  containerMounts,
  Mount,
  podNetworkFiles,
  preparePodVolumes,
} from './podFiles';

/** What one pod is doing, as `status.json` records it. */
export interface PodStatus {
  name: string;
  namespace: string;
  part: string;
  component: string;
  workload: string;
  ip: string;
  netns: string;
  /** `app`: an application image, not run here (its pod exists for `exec`). */
  phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'App';
  ready: boolean;
  restarts: number;
  /** Why the pod failed, or the last container exit that was not a success. */
  message?: string;
  log?: string;
  images: { image: string; runs: string; standIn: boolean }[];
}

/** Restarts after which a crash-looping container fails the run instead of retrying. */
const MAX_RESTARTS = 5;
const RESTART_DELAY_MS = 2000;

/** The last lines of a log file, for error messages. */
export function logTail(file: string, lines = 20): string {
  try {
    return fs
      .readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(-lines)
      .join('\n');
  } catch {
    return '';
  }
}

/** One pod of a run: prepares its files and runs its containers as the kubelet would. */
class PodRunner {
  readonly status: PodStatus;
  private readonly dir: string;
  private readonly children = new Set<ChildProcess>();
  private volumes = new Map<string, string>();
  private network: Mount[] = [];
  private stopping = false;

  constructor(
    private readonly plan: RuntimePlan,
    readonly pod: RuntimePod,
    index: number,
    private readonly run: {
      id: string;
      dir: string;
      tools: RuntimeTools;
      /** The Unix socket that serves a registry host from the host's network namespace. */
      egressSocket: (host: string, port: number) => Promise<string>;
    },
    private readonly changed: () => void,
  ) {
    this.dir = path.join(run.dir, 'pods', `${pod.namespace}_${pod.name}`);
    const all = [...pod.initContainers, ...pod.containers];
    const runnable = all.every(c => imageProfile(c.image));
    this.status = {
      name: pod.name,
      namespace: pod.namespace,
      part: pod.part,
      component: pod.component,
      workload: `${pod.workload.kind}/${pod.workload.name}`,
      ip: pod.ip,
      netns: podNetns(run.id, index),
      phase: runnable ? 'Pending' : 'App',
      ready: false,
      restarts: 0,
      images: all.map(c => {
        const p = imageProfile(c.image);
        return {
          image: c.image,
          runs: p?.runs ?? 'not run: the application image',
          standIn: !!p?.standIn,
        };
      }),
    };
  }

  get isJob(): boolean {
    return this.pod.workload.kind === 'Job';
  }

  private fail(message: string, log?: string) {
    this.status.phase = 'Failed';
    this.status.ready = false;
    this.status.message = message;
    this.status.log = log;
    this.changed();
  }

  private profileOf(c: ContainerSpec): ImageProfile {
    return imageProfile(c.image) ?? APPLICATION_IMAGE;
  }

  /** The container's environment (composed), argv (composed, else the image's) and mounts. */
  private containerSetup(c: ContainerSpec) {
    const profile = this.profileOf(c);
    const env = containerEnv(this.plan, this.pod, c);
    const { command, args } = containerArgv(c, env);
    const argv = command
      ? [...command, ...(args ?? [])]
      : [
          ...((typeof profile.entrypoint === 'function'
            ? profile.entrypoint(this.run.tools)
            : profile.entrypoint) ?? []),
          ...(args ?? profile.cmd ?? []),
        ];
    if (!argv.length && profile !== APPLICATION_IMAGE)
      throw new RuntimeError(
        `pod ${this.pod.namespace}/${this.pod.name} container ${c.name}`,
        `no command, and image ${c.image} has no entrypoint the runtime reproduces`,
        'compose the container with an explicit command',
      );
    const cdir = path.join(this.dir, 'containers', c.name);
    fs.mkdirSync(cdir, { recursive: true });
    const mounts = containerMounts(
      this.pod,
      c,
      profile,
      this.run.tools,
      cdir,
      this.volumes,
      this.network,
    );
    const mountsFile = path.join(cdir, 'mounts');
    fs.writeFileSync(
      mountsFile,
      mounts.map(m => `${m.kind}\t${m.src}\t${m.dst}\n`).join(''),
    );
    const full = { PATH: profile.path, ...env };
    // For `exec` from another process; removed with the pod's directory when the run stops.
    fs.writeFileSync(
      path.join(cdir, 'exec.json'),
      JSON.stringify({
        env: full,
        mountsFile,
        workdir: c.workingDir ?? profile.workdir ?? '/',
      }),
      { mode: 0o600 },
    );
    return { profile, env: full, argv, mountsFile, cdir };
  }

  /** Spawns a process in the container's view (the container itself, or an exec probe). */
  private spawnIn(
    c: ContainerSpec,
    argv: string[] | undefined,
    logFile: string,
    layer: string,
  ) {
    const setup = this.containerSetup(c);
    const security = containerSecurity(this.pod, c, setup.profile.user);
    fs.rmSync(layer, { recursive: true, force: true });
    return this.spawnLogged(
      launchArgs({
        netns: this.status.netns,
        layer,
        mountsFile: setup.mountsFile,
        hostname: this.pod.name,
        workdir: c.workingDir ?? setup.profile.workdir ?? '/',
        ...security,
        argv: argv ?? setup.argv,
      }),
      logFile,
      setup.env,
    );
  }

  /** Runs `ip <args>` with its output appended to `logFile`; resolves `exited` to its code. */
  private spawnLogged(
    args: string[],
    logFile: string,
    env?: NodeJS.ProcessEnv,
  ) {
    const fd = fs.openSync(logFile, 'a');
    const child = spawn(IP, args, { env, stdio: ['ignore', fd, fd] });
    fs.closeSync(fd);
    this.children.add(child);
    const exited = new Promise<number>(resolve =>
      child.on('exit', (code, signal) => {
        this.children.delete(child);
        resolve(code ?? (signal ? 128 : 1));
      }),
    );
    return { child, exited };
  }

  private logFile(c: ContainerSpec): string {
    return path.join(this.dir, `${c.name}.log`);
  }

  /** Runs a container to completion, restarting it as `restartPolicy` says; resolves to success. */
  private async runToCompletion(
    c: ContainerSpec,
    limit: number,
  ): Promise<boolean> {
    for (let attempt = 0; !this.stopping; attempt++) {
      const code = await this.spawnIn(
        c,
        undefined,
        this.logFile(c),
        path.join(this.dir, 'layer', c.name),
      ).exited;
      if (code === 0) return true;
      if (this.stopping) return false;
      this.status.restarts++;
      this.status.message = `container ${c.name} exited with code ${code}`;
      this.changed();
      if (this.pod.restartPolicy === 'Never' || attempt >= limit) {
        this.fail(
          `container ${c.name} exited with code ${code} ${attempt + 1} times`,
          logTail(this.logFile(c)),
        );
        return false;
      }
      await sleep(RESTART_DELAY_MS);
    }
    return false;
  }

  private async probe(c: ContainerSpec, p: Probe): Promise<boolean> {
    const timeout = (p.timeoutSeconds ?? 1) * 1000;
    const port = (v: number | string) =>
      typeof v === 'number'
        ? v
        : (c.ports ?? []).find(x => x.name === v)?.containerPort ?? Number(v);
    let argv: string[];
    let inContainer = false;
    if (p.exec) {
      argv = p.exec.command;
      inContainer = true;
    } else if (p.httpGet)
      argv = [
        '/usr/bin/curl',
        '-fsS',
        '-o',
        '/dev/null',
        '-m',
        String(timeout / 1000),
        `http://${this.pod.ip}:${port(p.httpGet.port)}${p.httpGet.path ?? '/'}`,
      ];
    else if (p.tcpSocket)
      argv = [
        '/bin/bash',
        '-c',
        `exec 3<>/dev/tcp/${this.pod.ip}/${port(p.tcpSocket.port)}`,
      ];
    else return true;
    const log = path.join(this.dir, `${c.name}.probe.log`);
    const proc = inContainer
      ? this.spawnIn(
          c,
          argv,
          log,
          path.join(this.dir, 'layer', `${c.name}-probe`),
        )
      : this.spawnLogged(['netns', 'exec', this.status.netns, ...argv], log);
    const timer = setTimeout(() => proc.child.kill('SIGKILL'), timeout + 2000);
    const code = await proc.exited;
    clearTimeout(timer);
    return code === 0;
  }

  /** Readiness: every container's readiness probe passes (a container without one is ready). */
  private async watchReadiness(containers: ContainerSpec[]) {
    const period = Math.min(
      ...containers.map(c => c.readinessProbe?.periodSeconds ?? 10),
      10,
    );
    while (!this.stopping && this.status.phase === 'Running') {
      const results = await Promise.all(
        containers.map(c =>
          c.readinessProbe ? this.probe(c, c.readinessProbe) : true,
        ),
      );
      const ready = results.every(Boolean);
      if (ready !== this.status.ready) {
        this.status.ready = ready;
        this.changed();
      }
      // Probe often until ready (the runtime's waits stay short), then at the composed period.
      await sleep(ready ? period * 1000 : 1000);
    }
  }

  /** Liveness probes answer on the running process: each is asked once, once the pod is ready. */
  async livenessOnce(): Promise<{ container: string; ok: boolean }[]> {
    const out = [];
    for (const c of this.pod.containers)
      if (c.livenessProbe)
        out.push({
          container: c.name,
          ok: await this.probe(c, c.livenessProbe),
        });
    return out;
  }

  async start(): Promise<void> {
    fs.mkdirSync(this.dir, { recursive: true });
    const egress = egressHosts(this.pod);
    this.network = podNetworkFiles(this.plan, this.pod, this.dir, egress);
    try {
      for (const e of egress)
        await startForwarder(
          this.status.netns,
          e,
          await this.run.egressSocket(e.host, e.port),
        );
      this.volumes = preparePodVolumes(
        this.plan,
        this.pod,
        this.dir,
        path.join(this.run.dir, 'claims'),
        this.pod.securityContext?.fsGroup,
      );
      if (this.status.phase === 'App') {
        for (const c of this.pod.containers) this.containerSetup(c);
        return;
      }
      for (const c of this.pod.initContainers)
        if (!(await this.runToCompletion(c, MAX_RESTARTS))) return;
      this.status.phase = 'Running';
      this.changed();
      if (this.isJob) {
        const ok = await this.runToCompletion(
          this.pod.containers[0],
          this.pod.backoffLimit ?? 6,
        );
        if (ok) {
          this.status.phase = 'Succeeded';
          this.changed();
        }
        return;
      }
      void this.watchReadiness(this.pod.containers);
      await Promise.all(this.pod.containers.map(c => this.keepRunning(c)));
    } catch (e) {
      this.fail(e instanceof Error ? e.message : String(e));
    }
  }

  /** restartPolicy Always: a container that exits is started again, until it crash-loops. */
  private async keepRunning(c: ContainerSpec) {
    for (let restarts = 0; !this.stopping; restarts++) {
      const code = await this.spawnIn(
        c,
        undefined,
        this.logFile(c),
        path.join(this.dir, 'layer', c.name),
      ).exited;
      if (this.stopping) return;
      this.status.restarts++;
      this.status.ready = false;
      this.status.message = `container ${c.name} exited with code ${code}`;
      this.changed();
      if (restarts >= MAX_RESTARTS) {
        this.fail(
          `container ${c.name} keeps exiting (code ${code}, ${
            restarts + 1
          } times)`,
          logTail(this.logFile(c)),
        );
        return;
      }
      await sleep(RESTART_DELAY_MS);
    }
  }

  /** Kills the pod's containers without warning (SIGKILL); restartPolicy starts them again. */
  crash(): void {
    for (const c of this.children) c.kill('SIGKILL');
  }

  stop(): void {
    this.stopping = true;
    for (const c of this.children) c.kill('SIGTERM');
  }
}

export { PodRunner };
