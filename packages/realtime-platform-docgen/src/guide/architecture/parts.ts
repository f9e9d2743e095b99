/**
 * What the architecture pages say the platform is made of, as data the tests check against the
 * composition's rendered output: the parts and the composed resources each one owns.
 */
import { Part, PlatformSpec } from './types';

/** Where the parts are listed, for messages asking to add one. */
export const PARTS_FILE =
  'packages/realtime-platform-docgen/src/guide/architecture/parts.ts';

/** Whether Kafka Connect runs: a bridge or a sink topic needs it. */
export const hasConnect = (s: PlatformSpec): boolean =>
  s.mqtt.bridges.length > 0 || s.postgresql.sink.topics.length > 0;
/** Whether Lenses HQ and the agent run. */
export const hasLenses = (s: PlatformSpec): boolean => s.lenses !== undefined;
/** Whether a Prometheus namespace may scrape Lenses HQ's metrics port. */
export const hasLensesMetrics = (s: PlatformSpec): boolean =>
  !!s.lenses?.metricsNamespace;
/** Created for every spec. */
export const always = (): boolean => true;

/**
 * Parts of the platform. `resources`: the composition-resource-names the part owns (every
 * composed resource must belong to exactly one part); `when`: for which composite spec the part
 * is created. Parts without resources are outside the composition and checked by the edge checks.
 */
export const PARTS: Part[] = [
  {
    id: 'ns',
    label: 'Platform namespace',
    resources: [
      'namespace',
      'network-default-deny',
      'network-platform-internal',
      'network-clients-kafka',
      'network-clients-schema-registry',
      'network-clients-mqtt',
      'network-clients-postgresql',
      'network-clients-metabase',
      { name: 'network-clients-lenses-hq', when: hasLenses },
      { name: 'network-metrics-lenses-hq', when: hasLensesMetrics },
    ],
    when: always,
  },
  {
    id: 'credentials',
    label: 'Generated credentials',
    when: always,
    resources: [
      'credentials',
      'mqtt-users',
      'secret-sync',
      'secret-sync-config',
      'secret-sync-account',
      'secret-sync-role-source',
      'secret-sync-role-target',
      'secret-sync-binding-source',
      'secret-sync-binding-target',
    ],
  },
  {
    id: 'conn_secret',
    label: 'Connection secret',
    resources: ['connection'],
    when: always,
  },
  {
    id: 'kafka',
    label: 'Apache Kafka (KRaft)',
    resources: [
      'kafka',
      'kafka-service',
      'kafka-headless-service',
      'kafka-config',
    ],
    when: always,
    workload: 'StatefulSet/kafka',
  },
  {
    id: 'topics_job',
    label: 'Topic provisioning Job',
    resources: ['topics'],
    when: always,
    workload: 'Job/topics-<hash>',
  },
  {
    id: 'schema_registry',
    label: 'Schema registry',
    resources: [
      'schema-registry',
      'schema-registry-service',
      'schema-registry-config',
    ],
    when: always,
    workload: 'Deployment/schema-registry',
  },
  {
    id: 'mqtt',
    label: 'MQTT broker (Mosquitto 2)',
    resources: ['mqtt', 'mqtt-service', 'mqtt-config'],
    when: always,
    workload: 'Deployment/mqtt',
  },
  {
    id: 'connect',
    label: 'Kafka Connect: MQTT bridge and PostgreSQL sink',
    resources: ['connect', 'connect-service', 'connect-config'],
    when: hasConnect,
    workload: 'Deployment/connect',
  },
  {
    id: 'connectors_job',
    label: 'Connector provisioning Job',
    resources: ['connectors'],
    when: hasConnect,
    workload: 'Job/connectors-<hash>',
  },
  {
    id: 'postgresql',
    label: 'PostgreSQL',
    resources: ['postgresql', 'postgresql-service', 'postgresql-init'],
    when: always,
    workload: 'StatefulSet/postgresql',
  },
  {
    id: 'metabase',
    label: 'Metabase',
    resources: ['metabase', 'metabase-service'],
    when: always,
    workload: 'Deployment/metabase',
  },
  {
    id: 'metabase_setup',
    label: 'Metabase setup Job',
    resources: ['metabase-setup'],
    when: always,
    workload: 'Job/metabase-setup-<hash>',
  },
  {
    id: 'lenses_hq',
    label: 'Lenses HQ',
    resources: ['lenses-hq', 'lenses-hq-service', 'lenses-hq-config'],
    when: hasLenses,
    workload: 'Deployment/lenses-hq',
  },
  {
    id: 'lenses_agent',
    label: 'Lenses Agent',
    resources: ['lenses-agent', 'lenses-agent-config'],
    when: hasLenses,
    workload: 'Deployment/lenses-agent',
  },
  // Outside the composition.
  { id: 'webservice', label: 'Your webservices', outside: true },
  { id: 'xr', label: 'RealtimePlatform composite resource', outside: true },
  { id: 'application', label: 'OAM Application', outside: true },
  { id: 'kubevela', label: 'KubeVela', outside: true },
  { id: 'crossplane', label: 'Crossplane', outside: true },
  { id: 'composition', label: 'Composition realtime-platform', outside: true },
  { id: 'fn_templating', label: 'function-go-templating', outside: true },
  { id: 'fn_autoready', label: 'function-auto-ready', outside: true },
  { id: 'provider_k8s', label: 'provider-kubernetes', outside: true },
  { id: 'developer', label: 'Developer (actor)', actor: true },
  { id: 'devices', label: 'Devices (actor)', actor: true },
  { id: 'people', label: 'People with a browser (actor)', actor: true },
];

/** Groups: a node standing for several parts (used by the home page diagram). */
export const GROUPS: Record<string, string[]> = {
  lenses: ['lenses_hq', 'lenses_agent'],
};

/** Other node ids used for the same part (the home page diagram, docs/diagrams/overview.mmd). */
export const ALIASES: Record<string, string> = {
  dev: 'developer',
  vela: 'kubevela',
  xp: 'crossplane',
  stack: 'ns',
  sr: 'schema_registry',
  pg: 'postgresql',
  svc: 'webservice',
};

/** Parts by id. */
export const PART = new Map(PARTS.map(p => [p.id, p]));

/** The part id a diagram node id stands for. */
export const resolve = (id: string): string => ALIASES[id] ?? id;
/** The part ids a diagram node stands for (a group node stands for its members). */
export const expand = (id: string): string[] =>
  GROUPS[resolve(id)] ?? [resolve(id)];
/** Key of an unordered pair of parts. */
export const pairKey = (a: string, b: string): string =>
  [a, b].sort().join('|');

/** Provisioning and actor edges are not connections between running parts. */
export const isControlPlane = (id: string): boolean =>
  !!PART.get(id)?.outside && id !== 'webservice';

const resourceName = (r: string | { name: string }) =>
  typeof r === 'string' ? r : r.name;

/** Composition-resource-name → id of the part that owns it. */
export const resourceOwner = new Map<string, string>(
  PARTS.flatMap(p => (p.resources ?? []).map(r => [resourceName(r), p.id])),
);

/** Resource name → expected presence for one composite spec. */
export function expectedResources(spec: PlatformSpec): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const p of PARTS) {
    for (const r of p.resources ?? []) {
      const when = typeof r === 'string' ? p.when! : r.when;
      out.set(resourceName(r), p.when!(spec) && when(spec));
    }
  }
  return out;
}
