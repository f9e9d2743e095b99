import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { RuntimeError } from './errors';
import { launchArgs } from './files';
import { readRunStatus } from './localRuntime';
import { IP } from './network';

/**
 * Runs a command inside a running pod of a local run, as `kubectl exec` would: in the pod's
 * network namespace, the container's filesystem view and its composed environment. For an
 * application pod (its image is not run) it runs the machine's programs with that pod's
 * environment: the way the checks act as a webservice. Resolves to the exit code.
 */
export function execInPod(
  dir: string,
  pod: string,
  argv: string[],
  options: {
    container?: string;
    stdio?: 'inherit' | 'pipe';
    namespace?: string;
    /** Variables added to the container's environment (a check's password, never an argument). */
    env?: Record<string, string>;
  } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const status = readRunStatus(dir);
  const p = status?.pods.find(
    x =>
      x.name === pod &&
      (!options.namespace || x.namespace === options.namespace),
  );
  if (!status || status.state !== 'ready' || !p)
    throw new RuntimeError(
      `pod ${pod}`,
      status
        ? `not found in the run at ${dir} (state ${status.state})`
        : `no run at ${dir}`,
      'start it with realtime-kit local up',
    );
  const podDir = path.join(dir, 'pods', `${p.namespace}_${p.name}`);
  const containers = fs.readdirSync(path.join(podDir, 'containers'));
  const container = options.container ?? containers[containers.length - 1];
  const { env, mountsFile, workdir } = JSON.parse(
    fs.readFileSync(
      path.join(podDir, 'containers', container, 'exec.json'),
      'utf8',
    ),
  );
  const layer = path.join(podDir, 'layer', `exec-${process.pid}-${Date.now()}`);
  return new Promise((resolve, reject) => {
    const child = spawn(
      IP,
      launchArgs({
        netns: p.netns,
        layer,
        mountsFile,
        hostname: p.name,
        workdir,
        argv,
      }),
      {
        env: { ...env, ...options.env },
        stdio:
          options.stdio === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      },
    );
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', d => out.push(d));
    child.stderr?.on('data', d => err.push(d));
    child.on('error', reject);
    child.on('close', code => {
      fs.rmSync(layer, { recursive: true, force: true });
      resolve({
        code: code ?? 1,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
      });
    });
  });
}
