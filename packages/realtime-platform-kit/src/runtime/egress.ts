import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { RUNTIME_DIR } from './files';
import { IP } from './network';
import { ContainerSpec, RuntimePod } from './plan';

/** One registry host a pod's composed containers fetch from (a URL outside the cluster). */
export interface EgressHost {
  host: string;
  port: number;
  /** The pod-local loopback address its name resolves to inside the pod. */
  address: string;
}

const CLUSTER_HOST = /(\.svc(\.cluster\.local)?|^localhost|^[0-9.]+)$/;

/**
 * Hosts outside the cluster that a pod's containers name in a URL of their env, command or
 * args (the Connect plugins' Maven repository): the only traffic the runtime lets leave.
 */
export function egressHosts(pod: RuntimePod): EgressHost[] {
  const text = (c: ContainerSpec) => [
    ...(c.command ?? []),
    ...(c.args ?? []),
    ...(c.env ?? []).map(e => e.value ?? ''),
  ];
  const found = new Map<string, EgressHost>();
  for (const c of [...pod.initContainers, ...pod.containers])
    for (const t of text(c))
      for (const m of t.matchAll(/\b(https?):\/\/([a-z0-9.-]+)(?::(\d+))?/g)) {
        const [, scheme, host, port] = m;
        if (CLUSTER_HOST.test(host)) continue;
        const p = Number(port ?? (scheme === 'https' ? 443 : 80));
        const k = `${host}:${p}`;
        if (!found.has(k))
          found.set(k, {
            host,
            port: p,
            address: `127.0.0.${53 + found.size}`,
          });
      }
  return [...found.values()];
}

/**
 * Serves one registry host from the host's network namespace on a Unix socket; returns the
 * socket path. Each connection is logged with its host, never its content.
 */
export function serveEgress(
  runDir: string,
  e: EgressHost,
): Promise<{ socket: string; close: () => void }> {
  const dir = path.join(runDir, 'egress');
  fs.mkdirSync(dir, { recursive: true });
  const socket = path.join(dir, `${e.host}_${e.port}.sock`);
  fs.rmSync(socket, { force: true });
  const log = fs.createWriteStream(path.join(dir, 'egress.log'), {
    flags: 'a',
  });
  const server = net.createServer(client => {
    log.write(`${new Date().toISOString()} ${e.host}:${e.port}\n`);
    const upstream = net.connect(e.port, e.host);
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', close);
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(socket, () =>
      resolve({ socket, close: () => server.close() }),
    );
  });
}

/** Starts the forwarder of one egress host inside a pod's network namespace; resolves once it listens. */
export function startForwarder(
  netns: string,
  e: EgressHost,
  socket: string,
): Promise<void> {
  const child = spawn(
    IP,
    [
      'netns',
      'exec',
      netns,
      process.execPath,
      path.join(RUNTIME_DIR, 'egress-forwarder.js'),
      e.address,
      String(e.port),
      socket,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.on('exit', code =>
      reject(
        new Error(`egress forwarder for ${e.host} exited with code ${code}`),
      ),
    );
  });
}
