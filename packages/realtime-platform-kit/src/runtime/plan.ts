import { clusterObjects, ClusterObject, fieldAt } from '../cluster/manifests';
import { RenderResult } from '../kit';
import { serviceHost } from '@internal/realtime-platform-contract';
import { KubeObject } from '../types';
import { RuntimeError } from './errors';
import type { SecurityContext } from './security';

/** A container as the pod spec composes it (the fields the local runtime reads). */
export interface ContainerSpec {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  env?: EnvVar[];
  envFrom?: {
    prefix?: string;
    secretRef?: { name: string; optional?: boolean };
    configMapRef?: { name: string; optional?: boolean };
  }[];
  ports?: { name?: string; containerPort: number }[];
  volumeMounts?: {
    name: string;
    mountPath: string;
    subPath?: string;
    readOnly?: boolean;
  }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  securityContext?: SecurityContext;
}

/** One `env[]` entry. */
export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string; optional?: boolean };
    configMapKeyRef?: { name: string; key: string; optional?: boolean };
    fieldRef?: { fieldPath: string };
  };
}

/** A probe: exec, httpGet or tcpSocket, with the timing fields. */
export interface Probe {
  exec?: { command: string[] };
  httpGet?: { path?: string; port: number | string; scheme?: string };
  tcpSocket?: { port: number | string };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  failureThreshold?: number;
}

/** One `volumes[]` entry of a pod spec. */
export interface VolumeSpec {
  name: string;
  configMap?: { name: string; items?: { key: string; path: string }[] };
  secret?: { secretName: string; items?: { key: string; path: string }[] };
  emptyDir?: Record<string, unknown>;
  persistentVolumeClaim?: { claimName: string };
}

/** A pod the runtime starts: one replica of a workload, or a Job's pod. */
export interface RuntimePod {
  /** The pod's name and `HOSTNAME` (`kafka-0`, `connect-1`, `topics-3f2a…`). */
  name: string;
  namespace: string;
  /** The address the pod's network namespace gets. */
  ip: string;
  /** `<pod>.<serviceName>` of a StatefulSet pod, resolvable as in the cluster. */
  subdomain?: string;
  workload: { kind: string; name: string; ordinal: number };
  /** Composition resource (`kafka`, `topics`, …) or component output that composed the workload. */
  part: string;
  component: string;
  labels: Record<string, string>;
  initContainers: ContainerSpec[];
  containers: ContainerSpec[];
  volumes: VolumeSpec[];
  /** StatefulSet `volumeClaimTemplates` names: kept across restarts of the pod. */
  claims: string[];
  restartPolicy: 'Always' | 'OnFailure' | 'Never';
  /** Jobs: retries before the Job counts as failed. */
  backoffLimit?: number;
  /** The pod's `securityContext` (`fsGroup` owns its writable volumes). */
  securityContext?: SecurityContext;
}

/** A Service and the pod addresses its name resolves to. */
export interface RuntimeService {
  name: string;
  namespace: string;
  headless: boolean;
  ports: { name?: string; port: number; targetPort: number }[];
  podNames: string[];
}

/** Everything the local runtime starts for one rendered application. */
export interface RuntimePlan {
  pods: RuntimePod[];
  services: RuntimeService[];
  /** Secret data by `namespace/name`, decoded, with the platform's secret-sync copies made. */
  secrets: Map<string, Map<string, Buffer>>;
  configMaps: Map<string, Map<string, Buffer>>;
  /** Service and pod DNS names to pod addresses (every pod's hosts file; its own name is added per pod). */
  hosts: { ip: string; names: string[] }[];
}

/** A Service's (or `<pod>.<service>`'s) DNS name in full and without the cluster domain. */
const dnsNames = (name: string, namespace: string) => {
  const full = serviceHost(name, namespace);
  return [full, full.replace(/\.cluster\.local$/, '')];
};
/** Pods are numbered into this /16 (the pod network of the run's own bridge). */
export const POD_NETWORK = { prefix: '10.244', bits: 16 };

const key = (ns: string, name: string) => `${ns}/${name}`;

function podIp(i: number): string {
  const n = i + 10;
  return `${POD_NETWORK.prefix}.${Math.floor(n / 250)}.${(n % 250) + 2}`;
}

function dataMap(obj: KubeObject, decode: boolean): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const [k, v] of Object.entries(
    (obj.data as Record<string, string>) ?? {},
  ))
    out.set(k, Buffer.from(String(v), decode ? 'base64' : 'utf8'));
  for (const [k, v] of Object.entries(
    (obj.stringData as Record<string, string>) ?? {},
  ))
    out.set(k, Buffer.from(String(v), 'utf8'));
  return out;
}

/** The ConfigMap and the label of the platform's secret-sync Job (platform/composition/namespace.yaml.tmpl). */
export const SECRET_SYNC = { configMap: 'secret-sync', key: 'copies' };

/**
 * Secrets as the API server would hold them: composed Secrets and the user Secrets given to the
 * run, then the copies the platform's secret-sync Job makes into the platform namespace (the
 * credentials, the MQTT users, the Lenses license and agent key). The local runtime has no API
 * server for that Job to call: it makes the copies the Job's ConfigMap lists itself, and does not
 * start the Job (the Job's script runs against the simulated cluster's API server, stage 45).
 */
function resolveSecrets(
  objects: ClusterObject[],
  userSecrets: KubeObject[],
): Map<string, Map<string, Buffer>> {
  const secrets = new Map<string, Map<string, Buffer>>();
  for (const object of [
    ...userSecrets,
    ...objects.filter(o => o.object.kind === 'Secret').map(o => o.object),
  ])
    secrets.set(
      key(object.metadata.namespace ?? 'default', object.metadata.name),
      dataMap(object, true),
    );
  for (const { namespace, copies } of secretCopies(objects))
    for (const c of copies) {
      const to = key(namespace, c.toSecret);
      if (!secrets.has(to)) secrets.set(to, new Map());
      if (!c.fromKey) continue;
      const value = secrets
        .get(key(c.fromNamespace, c.fromSecret))
        ?.get(c.fromKey);
      if (!value)
        throw new RuntimeError(
          `Secret ${c.fromNamespace}/${c.fromSecret} key ${c.fromKey}`,
          `the platform copies it into Secret ${namespace}/${c.toSecret}, and it does not exist`,
          `create it (the guide's "Secrets you create" section), or give it to the run with --secrets <file>`,
        );
      secrets.get(to)!.set(c.toKey, value);
    }
  return secrets;
}

/** One line of the secret-sync ConfigMap: a Secret key copied into the platform namespace. */
export interface SecretCopy {
  fromNamespace: string;
  fromSecret: string;
  /** Undefined where the line only makes the target Secret. */
  fromKey?: string;
  toSecret: string;
  toKey: string;
}

/** The copies each platform namespace's secret-sync ConfigMap lists. */
export function secretCopies(
  objects: ClusterObject[],
): { namespace: string; copies: SecretCopy[] }[] {
  return objects
    .filter(
      o =>
        o.object.kind === 'ConfigMap' &&
        o.object.metadata.name === SECRET_SYNC.configMap,
    )
    .map(({ object }) => ({
      namespace: object.metadata.namespace!,
      copies: String(
        (object.data as Record<string, string>)[SECRET_SYNC.key] ?? '',
      )
        .split('\n')
        .filter(Boolean)
        .map(line => {
          const [fromNamespace, fromSecret, fromKey, toSecret, toKey] =
            line.split(' ');
          return {
            fromNamespace,
            fromSecret,
            fromKey: fromKey === '-' ? undefined : fromKey,
            toSecret,
            toKey,
          };
        }),
    }));
}

/** The Job that makes those copies in a cluster; the local runtime makes them itself. */
const isSecretSyncJob = (o: ClusterObject) =>
  o.object.kind === 'Job' &&
  (
    fieldAt(o.object, 'spec.template.metadata.labels') as
      | Record<string, string>
      | undefined
  )?.['app.kubernetes.io/name'] === SECRET_SYNC.configMap;

function selects(
  selector: Record<string, string> | undefined,
  labels: Record<string, string>,
) {
  return (
    !!selector &&
    Object.entries(selector).every(([k, v]) => labels[k] === v) &&
    Object.keys(selector).length > 0
  );
}

/** Job pod names carry a stable suffix, as the Job controller's random one would be. */
function jobPodName(job: string): string {
  return `${job}-local`.slice(0, 63);
}

function podsOf(o: ClusterObject, startIndex: number): RuntimePod[] {
  const obj = o.object;
  const spec = (obj.spec ?? {}) as Record<string, unknown>;
  const template = fieldAt(spec, 'template') as
    | {
        metadata?: { labels?: Record<string, string> };
        spec?: Record<string, unknown>;
      }
    | undefined;
  if (!template?.spec) return [];
  const ps = template.spec as {
    initContainers?: ContainerSpec[];
    containers: ContainerSpec[];
    volumes?: VolumeSpec[];
    restartPolicy?: RuntimePod['restartPolicy'];
    securityContext?: RuntimePod['securityContext'];
  };
  const isJob = obj.kind === 'Job';
  const replicas = isJob ? 1 : Number(spec.replicas ?? 1);
  const claims = (
    (spec.volumeClaimTemplates as { metadata: { name: string } }[]) ?? []
  ).map(c => c.metadata.name);
  const pods: RuntimePod[] = [];
  for (let ordinal = 0; ordinal < replicas; ordinal++) {
    let name = `${obj.metadata.name}-local-${ordinal}`;
    if (isJob) name = jobPodName(obj.metadata.name);
    else if (obj.kind === 'StatefulSet')
      name = `${obj.metadata.name}-${ordinal}`;
    pods.push({
      name,
      namespace: obj.metadata.namespace ?? 'default',
      ip: podIp(startIndex + pods.length),
      subdomain:
        obj.kind === 'StatefulSet'
          ? (spec.serviceName as string | undefined)
          : undefined,
      workload: { kind: obj.kind, name: obj.metadata.name, ordinal },
      part: o.part,
      component: o.component,
      labels: template.metadata?.labels ?? {},
      initContainers: ps.initContainers ?? [],
      containers: ps.containers,
      volumes: ps.volumes ?? [],
      claims,
      restartPolicy: ps.restartPolicy ?? (isJob ? 'OnFailure' : 'Always'),
      backoffLimit: isJob ? Number(spec.backoffLimit ?? 6) : undefined,
      securityContext: ps.securityContext,
    });
  }
  return pods;
}

function servicesOf(objects: ClusterObject[], pods: RuntimePod[]) {
  return objects
    .filter(o => o.object.kind === 'Service')
    .map(({ object }): RuntimeService => {
      const spec = object.spec as {
        clusterIP?: string;
        selector?: Record<string, string>;
        ports?: { name?: string; port: number; targetPort?: number | string }[];
      };
      const namespace = object.metadata.namespace ?? 'default';
      const ports = (spec.ports ?? []).map(p => {
        const targetPort = Number(p.targetPort ?? p.port);
        if (targetPort !== p.port)
          throw new RuntimeError(
            `Service ${namespace}/${object.metadata.name} port ${p.port}`,
            `maps to targetPort ${p.targetPort}; the local runtime resolves Service names to pod addresses, so a Service port must equal its targetPort`,
            'compose the Service with port equal to targetPort',
          );
        return { name: p.name, port: p.port, targetPort };
      });
      return {
        name: object.metadata.name,
        namespace,
        headless: spec.clusterIP === 'None',
        ports,
        podNames: pods
          .filter(
            p => p.namespace === namespace && selects(spec.selector, p.labels),
          )
          .map(p => p.name),
      };
    });
}

function hostsOf(pods: RuntimePod[], services: RuntimeService[]) {
  const names = new Map<string, string[]>(pods.map(p => [p.name, []]));
  for (const p of pods) {
    if (p.subdomain)
      names
        .get(p.name)!
        .push(...dnsNames(`${p.name}.${p.subdomain}`, p.namespace));
  }
  // A Service name resolves to every pod it selects (round-robin DNS instead of a virtual IP).
  for (const s of services)
    for (const pod of s.podNames)
      names.get(pod)!.push(...dnsNames(s.name, s.namespace));
  return pods.map(p => ({ ip: p.ip, names: names.get(p.name)! }));
}

/**
 * What the local runtime starts for a rendered application: every pod of every composed or
 * rendered workload (StatefulSets, Deployments, Jobs) with the Secrets and ConfigMaps it reads,
 * and the Services and DNS names that find it. `userSecrets` are the Secrets a user creates
 * before deploying (the Lenses license and agent key).
 */
export function runtimePlan(
  result: RenderResult,
  userSecrets: KubeObject[] = [],
): RuntimePlan {
  const objects = clusterObjects(result);
  const secrets = resolveSecrets(objects, userSecrets);
  const configMaps = new Map(
    objects
      .filter(o => o.object.kind === 'ConfigMap')
      .map(({ object }) => [
        key(object.metadata.namespace ?? 'default', object.metadata.name),
        dataMap(object, false),
      ]),
  );
  const pods: RuntimePod[] = [];
  for (const o of objects)
    if (!isSecretSyncJob(o)) pods.push(...podsOf(o, pods.length));
  const services = servicesOf(objects, pods);
  return {
    pods,
    services,
    secrets,
    configMaps,
    hosts: hostsOf(pods, services),
  };
}
