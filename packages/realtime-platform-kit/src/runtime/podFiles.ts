import fs from 'node:fs';
import path from 'node:path';
import { SERVICE_DNS_SUFFIX } from '@internal/realtime-platform-contract';
import { EgressHost } from './egress';
import { RuntimeError } from './errors';
import { ImageProfile, RuntimeTools } from './images';
import { ContainerSpec, RuntimePlan, RuntimePod } from './plan';

/** One bind mount of a container's view: `bind` or `bind-ro`, host source, container path. */
export interface Mount {
  kind: 'bind' | 'bind-ro';
  src: string;
  dst: string;
}

const writeFiles = (dir: string, files: Map<string, Buffer>, mode: number) => {
  fs.mkdirSync(dir, { recursive: true });
  for (const [k, v] of files) fs.writeFileSync(path.join(dir, k), v, { mode });
};

function volumeData(
  plan: RuntimePlan,
  pod: RuntimePod,
  v: { name: string; items?: { key: string; path: string }[] },
  kind: 'Secret' | 'ConfigMap',
): Map<string, Buffer> {
  const store = kind === 'Secret' ? plan.secrets : plan.configMaps;
  const data = store.get(`${pod.namespace}/${v.name}`);
  if (!data)
    throw new RuntimeError(
      `pod ${pod.namespace}/${pod.name} volume of ${kind} ${v.name}`,
      `${kind} not found in namespace ${pod.namespace}`,
    );
  if (!v.items) return data;
  return new Map(
    v.items.map(i => {
      const value = data.get(i.key);
      if (!value)
        throw new RuntimeError(
          `pod ${pod.namespace}/${pod.name} volume of ${kind} ${v.name}`,
          `no key ${i.key}`,
        );
      return [i.path, value];
    }),
  );
}

/**
 * Materialises a pod's volumes under `podDir/volumes` as the kubelet does: ConfigMap and Secret
 * volumes as one file per key (Secret files mode 0600 here: the run's directory is not a tmpfs),
 * emptyDirs fresh, and StatefulSet claims under `claimsDir`, kept across restarts. Owned by the
 * pod's `fsGroup` where it sets one (Secret and ConfigMap files then 0640, group fsGroup).
 */
export function preparePodVolumes(
  plan: RuntimePlan,
  pod: RuntimePod,
  podDir: string,
  claimsDir: string,
  fsGroup?: number,
): Map<string, string> {
  const dirs = new Map<string, string>();
  for (const v of pod.volumes) {
    const dir = path.join(podDir, 'volumes', v.name);
    if (v.configMap)
      writeFiles(dir, volumeData(plan, pod, v.configMap, 'ConfigMap'), 0o644);
    else if (v.secret)
      writeFiles(
        dir,
        volumeData(
          plan,
          pod,
          { ...v.secret, name: v.secret.secretName },
          'Secret',
        ),
        0o600,
      );
    else if (v.emptyDir) {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      fs.chmodSync(dir, 0o777); // the kubelet's emptyDir mode, whatever the umask
    } else
      throw new RuntimeError(
        `pod ${pod.namespace}/${pod.name} volume ${v.name}`,
        'the local runtime supports configMap, secret and emptyDir volumes and StatefulSet claims',
      );
    dirs.set(v.name, dir);
  }
  for (const claim of pod.claims) {
    const dir = path.join(claimsDir, `${claim}-${pod.name}`);
    fs.mkdirSync(dir, { recursive: true });
    dirs.set(claim, dir);
  }
  if (fsGroup !== undefined)
    for (const [name, dir] of dirs) {
      const isConfig = pod.volumes.some(
        v => v.name === name && (v.configMap || v.secret),
      );
      if (!isConfig) fs.chownSync(dir, 0, fsGroup);
      fs.chmodSync(dir, isConfig ? 0o755 : 0o2775);
      // As the kubelet: the files of Secret and ConfigMap volumes are readable by the fsGroup.
      if (isConfig)
        for (const f of fs.readdirSync(dir)) {
          if (!fs.statSync(path.join(dir, f)).isFile()) continue;
          fs.chownSync(path.join(dir, f), 0, fsGroup);
          fs.chmodSync(path.join(dir, f), 0o640);
        }
    }
  return dirs;
}

/** The image's users over the host's `/etc/passwd` and `/etc/group`. */
function userFiles(profile: ImageProfile, containerDir: string): Mount[] {
  const users = profile.users ?? [];
  const passwd = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .filter(l => l && !users.some(u => l.startsWith(`${u.name}:`)));
  // The image's users and their groups replace host entries of the same name or id.
  const taken = (l: string) =>
    users.some(
      u =>
        l.startsWith(`${u.name}:`) ||
        l.split(':')[2] === String(u.uid) ||
        (u.gid !== 0 && l.split(':')[2] === String(u.gid)),
    );
  const passwd2 = passwd.filter(l => !taken(l));
  const group = fs
    .readFileSync('/etc/group', 'utf8')
    .split('\n')
    .filter(l => l && !taken(l));
  for (const u of users) {
    passwd2.push(`${u.name}:x:${u.uid}:${u.gid}::/home/${u.name}:/bin/sh`);
    if (u.gid !== 0) group.push(`${u.name}:x:${u.gid}:`);
  }
  const etc = path.join(containerDir, 'etc');
  fs.mkdirSync(etc, { recursive: true });
  fs.writeFileSync(path.join(etc, 'passwd'), `${passwd2.join('\n')}\n`);
  fs.writeFileSync(path.join(etc, 'group'), `${group.join('\n')}\n`);
  return [
    { kind: 'bind-ro', src: path.join(etc, 'passwd'), dst: '/etc/passwd' },
    { kind: 'bind-ro', src: path.join(etc, 'group'), dst: '/etc/group' },
  ];
}

/** `/etc/hosts`, `/etc/resolv.conf` and `/etc/hostname` of a pod, as the kubelet writes them. */
export function podNetworkFiles(
  plan: RuntimePlan,
  pod: RuntimePod,
  podDir: string,
  egress: EgressHost[] = [],
): Mount[] {
  const etc = path.join(podDir, 'etc');
  fs.mkdirSync(etc, { recursive: true });
  const lines = [
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
  ];
  for (const h of plan.hosts)
    if (h.names.length || h.ip === pod.ip)
      lines.push(
        `${h.ip}\t${[...(h.ip === pod.ip ? [pod.name] : []), ...h.names].join(
          ' ',
        )}`,
      );
  // Registry hosts the pod fetches from resolve to its forwarder (see egress.ts).
  for (const e of egress) lines.push(`${e.address}\t${e.host}`);
  fs.writeFileSync(path.join(etc, 'hosts'), `${lines.join('\n')}\n`);
  fs.writeFileSync(
    path.join(etc, 'resolv.conf'),
    `search ${
      pod.namespace
    }.${SERVICE_DNS_SUFFIX} ${SERVICE_DNS_SUFFIX} ${SERVICE_DNS_SUFFIX.replace(
      /^svc\./,
      '',
    )}\noptions ndots:5\n`,
  );
  fs.writeFileSync(path.join(etc, 'hostname'), `${pod.name}\n`);
  return ['hosts', 'resolv.conf', 'hostname'].map(f => ({
    kind: 'bind-ro' as const,
    src: path.join(etc, f),
    dst: `/etc/${f}`,
  }));
}

/** Every bind mount of one container's view: network files, image layers, its volumeMounts. */
export function containerMounts(
  pod: RuntimePod,
  c: ContainerSpec,
  profile: ImageProfile,
  tools: RuntimeTools,
  containerDir: string,
  volumes: Map<string, string>,
  networkFiles: Mount[],
): Mount[] {
  // The repository (the machine's tools, the runtime's scripts) at its own path, also when it
  // lies under /tmp or /run, which every container gets fresh.
  const repository = path.dirname(tools.tools);
  const mounts: Mount[] = [
    { kind: 'bind-ro', src: repository, dst: repository },
    ...networkFiles,
    ...userFiles(profile, containerDir),
  ];
  for (const l of profile.layers(tools))
    mounts.push({ kind: 'bind-ro', src: l.src, dst: l.dst });
  for (const m of c.volumeMounts ?? []) {
    const dir = volumes.get(m.name);
    if (!dir)
      throw new RuntimeError(
        `pod ${pod.namespace}/${pod.name} container ${c.name} volumeMount ${m.name}`,
        'no volume of that name in the pod spec',
      );
    mounts.push({
      kind: m.readOnly ? 'bind-ro' : 'bind',
      src: m.subPath ? path.join(dir, m.subPath) : dir,
      dst: m.mountPath,
    });
  }
  // Parents before children, as the kubelet orders them: a volume at /tmp must not hide the
  // repository when the repository lies under /tmp.
  const depth = (m: Mount) => m.dst.split('/').filter(Boolean).length;
  return mounts.sort((a, b) => depth(a) - depth(b));
}
