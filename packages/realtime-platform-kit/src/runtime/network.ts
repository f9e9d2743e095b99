import { execFileSync } from 'node:child_process';
import { sleep } from './files';
import { POD_NETWORK, RuntimePod } from './plan';

/** `ip`, run as root: the runtime makes and removes its own network namespaces. */
export const IP = '/usr/sbin/ip';

function ip(...args: string[]): string {
  return execFileSync(IP, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The network namespace of pod number `i` of a run, and the run's bridge namespace. */
export const podNetns = (run: string, i: number) => `${run}-p${i}`;
export const bridgeNetns = (run: string) => `${run}-net`;

/** Names of the network namespaces a run made (also those of a run that was interrupted). */
export function runNetnses(run: string): string[] {
  return ip('netns', 'list')
    .split('\n')
    .map(l => l.split(' ')[0])
    .filter(n => n === bridgeNetns(run) || n.startsWith(`${run}-p`));
}

/**
 * The pod network of a run: one private network namespace per pod, each with its `eth0` on a
 * bridge that lives in a namespace of its own. Nothing is attached to the host's interfaces,
 * so traffic never leaves these namespaces.
 */
export function createPodNetwork(run: string, pods: RuntimePod[]): void {
  const br = bridgeNetns(run);
  ip('netns', 'add', br);
  ip('-n', br, 'link', 'add', 'br0', 'type', 'bridge');
  ip('-n', br, 'link', 'set', 'br0', 'up');
  pods.forEach((pod, i) => {
    const ns = podNetns(run, i);
    ip('netns', 'add', ns);
    ip(
      'link',
      'add',
      `v${i}`,
      'netns',
      br,
      'type',
      'veth',
      'peer',
      'name',
      'eth0',
      'netns',
      ns,
    );
    ip('-n', br, 'link', 'set', `v${i}`, 'master', 'br0', 'up');
    ip('-n', ns, 'addr', 'add', `${pod.ip}/${POD_NETWORK.bits}`, 'dev', 'eth0');
    ip('-n', ns, 'link', 'set', 'eth0', 'up');
    ip('-n', ns, 'link', 'set', 'lo', 'up');
  });
}

/** Pids of every process inside a network namespace. */
export function netnsPids(ns: string): number[] {
  try {
    return ip('netns', 'pids', ns).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * Stops every process in the given namespaces (TERM, KILL after `graceMs`) and deletes the
 * namespaces. Safe to repeat: what is already gone is skipped.
 */
export async function removeNetnses(
  names: string[],
  graceMs = 10_000,
): Promise<void> {
  const signal = (sig: NodeJS.Signals) => {
    let left = 0;
    for (const ns of names)
      for (const pid of netnsPids(ns)) {
        left++;
        try {
          process.kill(pid, sig);
        } catch {
          // exited meanwhile
        }
      }
    return left;
  };
  if (signal('SIGTERM')) {
    for (
      let t = 0;
      t < graceMs && names.some(n => netnsPids(n).length);
      t += 250
    )
      await sleep(250);
    signal('SIGKILL');
    for (let t = 0; t < 5000 && names.some(n => netnsPids(n).length); t += 100)
      await sleep(100);
  }
  for (const ns of names) {
    try {
      ip('netns', 'del', ns);
    } catch {
      // already deleted
    }
  }
}
