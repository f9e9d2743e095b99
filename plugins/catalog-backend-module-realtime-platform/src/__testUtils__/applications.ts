import { CONNECTION_KEYS } from '@internal/realtime-platform-contract';
import { stringify } from 'yaml';

/*
 * Random OAM applications for the agreement test: a valid application built from valid
 * choices, then zero to three mutations that break (or, by chance, keep) it. Seeded, so a
 * failure reproduces.
 */

type Json = any;

/** A seeded random source (mulberry32). */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  subset<T>(items: readonly T[]): T[] {
    return items.filter(() => this.chance(0.5));
  }
}

const TOPICS = ['orders', 'orders.created', 'shipments_v2', 'x-y', 't1', 'A.b'];

function platform(rng: Rng, name: string): Json {
  const withKafka = rng.chance(0.5);
  const replicas = withKafka ? rng.int(1, 5) : 1;
  const topics = rng.subset(TOPICS).map(t => {
    const topic: Json = { name: t };
    if (rng.chance(0.3)) topic.partitions = rng.int(1, 1000);
    if (rng.chance(0.3)) topic.replicationFactor = rng.int(1, replicas);
    if (rng.chance(0.3)) topic.retention = rng.pick(['1h', '7d', '500ms']);
    if (rng.chance(0.3)) topic.cleanupPolicy = rng.pick(['delete', 'compact']);
    return topic;
  });
  const names = topics.map((t: Json) => t.name);
  const properties: Json = { topics };
  if (withKafka) {
    properties.kafka = { replicas, storage: rng.pick(['1Gi', '20Gi', '5Ti']) };
  }
  if (rng.chance(0.6)) {
    properties.mqtt = {
      users: rng.subset(['device', 'gateway', 'ops_1']).map(u => ({
        name: u,
        ...(rng.chance(0.5) ? { access: rng.pick(['read', 'write']) } : {}),
        ...(rng.chance(0.5)
          ? { topics: rng.pick([['#'], ['a/+/b', 'c/#']]) }
          : {}),
      })),
      bridges: names.length
        ? rng.subset(['devices/+/orders', 'plant/#', '#']).map(m => ({
            mqttTopic: m,
            kafkaTopic: rng.pick(names),
            ...(rng.chance(0.5) ? { qos: rng.pick([0, 1, 2]) } : {}),
          }))
        : [],
    };
  }
  if (rng.chance(0.4)) properties.lenses = rng.pick([{}, { acceptEULA: true }]);
  if (rng.chance(0.3)) {
    properties.postgresql = {
      database: rng.pick(['analytics', 'shop_db']),
      sink: { topics: rng.subset(names), valueFormat: 'json' },
    };
  }
  if (rng.chance(0.3)) {
    properties.resources = { size: rng.pick(['small', 'medium', 'large']) };
  }
  if (rng.chance(0.2)) properties.metabase = { siteName: 'Shop analytics' };
  return { name, type: 'realtime-platform', properties };
}

function service(rng: Rng, name: string, platformComponent?: Json): Json {
  const properties: Json = {
    image: rng.pick([
      'ghcr.io/example/api:1.0.0',
      `nginx@sha256:${'a'.repeat(64)}`,
    ]),
  };
  if (rng.chance(0.3)) properties.port = rng.int(1, 65535);
  if (rng.chance(0.3)) properties.replicas = rng.int(0, 50);
  if (rng.chance(0.3)) {
    properties.env = rng.subset(['LOG_LEVEL', 'FEATURE_X', '_A']).map(n => ({
      name: n,
      value: 'on',
    }));
  }
  if (rng.chance(0.2)) properties.readiness = { path: '/ready' };
  if (platformComponent && rng.chance(0.8)) {
    properties.realtime = platformComponent.name;
    const names = platformComponent.properties.topics.map((t: Json) => t.name);
    properties.produces = rng.subset(names);
    properties.consumes = rng.subset(names);
  }
  return { name, type: 'realtime-webservice', properties };
}

/** A valid application: one platform and up to two services wired to it. */
export function validApplication(rng: Rng, index: number): Json {
  const p = platform(rng, rng.pick(['events', 'stream', 'telemetry-x']));
  const services = Array.from({ length: rng.int(0, 2) }, (_, i) =>
    service(rng, `svc-${i}`, p),
  );
  return {
    apiVersion: 'core.oam.dev/v1beta1',
    kind: 'Application',
    metadata: {
      name: `app-${index}`,
      namespace: rng.pick(['apps', 'shop', 'team-a']),
    },
    spec: { components: [p, ...services] },
  };
}

const BAD_VALUES: readonly unknown[] = [
  2 ** 63,
  1e21,
  -1,
  0,
  1.5,
  6,
  51,
  65536,
  1001,
  null,
  '80',
  true,
  false,
  [],
  {},
  '',
  'a b',
  'UPPER',
  '..',
  'x'.repeat(300),
  'a\u0000b',
  'é',
  'x/y:latest',
  'x/y',
  'X/y:latest',
  '0Gi',
  '7 days',
  'postgres',
  'template1',
  'a+',
  'a\tb',
  'a"b',
  'huge',
  3,
  [null],
  [1],
  ['a+'],
  ['a', 'b+'],
  ['#', 5],
  [{}],
];

const PLATFORM_PATHS = [
  'kafka',
  'kafka.replicas',
  'kafka.storage',
  'kafka.autoCreateTopics',
  'topics',
  'topics.0',
  'topics.0.name',
  'topics.0.partitions',
  'topics.0.replicationFactor',
  'topics.0.retention',
  'topics.0.cleanupPolicy',
  'schemaRegistry.compatibility',
  'mqtt',
  'mqtt.users',
  'mqtt.users.0.name',
  'mqtt.users.0.access',
  'mqtt.users.0.topics',
  'mqtt.bridges',
  'mqtt.bridges.0',
  'mqtt.bridges.0.mqttTopic',
  'mqtt.bridges.0.kafkaTopic',
  'mqtt.bridges.0.qos',
  'lenses',
  'lenses.acceptEULA',
  'lenses.license',
  'lenses.license.secretName',
  'lenses.agentKey.key',
  'metabase.adminEmail',
  'metabase.siteName',
  'postgresql.storage',
  'postgresql.database',
  'postgresql.user',
  'postgresql.sink.topics',
  'postgresql.sink.topics.0',
  'postgresql.sink.insertMode',
  'resources.size',
  'resources.connectReplicas',
];

const SERVICE_PATHS = [
  'image',
  'port',
  'replicas',
  'env',
  'env.0',
  'env.0.name',
  'env.0.value',
  'resources',
  'resources.cpu',
  'resources.memory',
  'readiness.path',
  'readiness.periodSeconds',
  'realtime',
  'produces',
  'produces.0',
  'consumes',
];

/** Sets a value at a dotted path, creating objects and list entries on the way. */
function setAt(target: Json, path: string, value: unknown) {
  const segs = path.split('.');
  let obj = target;
  segs.slice(0, -1).forEach((seg, i) => {
    const nextIsIndex = /^\d+$/.test(segs[i + 1]);
    if (obj[seg] === null || typeof obj[seg] !== 'object') {
      obj[seg] = nextIsIndex ? [] : {};
    }
    if (nextIsIndex && !Array.isArray(obj[seg])) obj[seg] = [];
    obj = obj[seg];
  });
  obj[segs[segs.length - 1]] = value;
}

/** The objects inside a value, with their dotted paths. */
function objectsIn(value: Json, path = ''): [string, Json][] {
  if (value === null || typeof value !== 'object') return [];
  const here: [string, Json][] = Array.isArray(value) ? [] : [[path, value]];
  return [
    ...here,
    ...Object.entries(value).flatMap(([k, v]) =>
      objectsIn(v, path ? `${path}.${k}` : k),
    ),
  ];
}

const of = (app: Json, type: string): Json[] =>
  app.spec.components.filter(
    (c: Json) =>
      c.type === type &&
      c.properties !== null &&
      typeof c.properties === 'object' &&
      !Array.isArray(c.properties),
  );

/** A random component of `type` whose properties are a mapping, if there is one. */
function one(app: Json, rng: Rng, type: string): Json | undefined {
  const candidates = of(app, type);
  return candidates.length ? rng.pick(candidates) : undefined;
}

/** A random component whose properties are a mapping (created when missing). */
function anyComponent(app: Json, rng: Rng): Json | undefined {
  const c = rng.pick(app.spec.components as Json[]);
  if (c.properties === undefined || c.properties === null) c.properties = {};
  return typeof c.properties === 'object' && !Array.isArray(c.properties)
    ? c
    : undefined;
}

/** One mutation: what it does, for the test's report, and the change. */
type Mutation = [what: string, apply: (app: Json, rng: Rng) => void];

// Cycles through the keys so that every one is tried.
let envKey = 0;

const INT_PATHS: Record<string, string[]> = {
  'realtime-platform': [
    'kafka.replicas',
    'topics.0.partitions',
    'topics.0.replicationFactor',
    'mqtt.bridges.0.qos',
    'resources.schemaRegistryReplicas',
  ],
  'realtime-webservice': ['port', 'replicas', 'readiness.periodSeconds'],
};
const BAD_INTS = [0, -1, 6, 51, 1001, 65536, 2 ** 63, 1e21, 1.5, '8080', null];

const STRING_PATHS: Record<string, string[]> = {
  'realtime-platform': [
    'kafka.storage',
    'topics.0.name',
    'topics.0.retention',
    'mqtt.users.0.name',
    'mqtt.bridges.0.mqttTopic',
    'lenses.license.secretName',
    'metabase.adminEmail',
    'postgresql.database',
    'postgresql.user',
  ],
  'realtime-webservice': [
    'image',
    'env.0.name',
    'resources.memory',
    'readiness.path',
    'realtime',
  ],
};
const BAD_STRINGS = [
  '',
  '..',
  'a b',
  'UPPER',
  'x'.repeat(300),
  '+'.repeat(300),
  'A'.repeat(300),
  'postgres',
  'template0',
  'X/y:latest',
  'x/y',
  'a\u0001b',
  'naïve',
  null,
  7,
];

const LIST_PATHS = [
  'mqtt.users.0.topics',
  'postgresql.sink.topics',
  'topics',
  'mqtt.bridges',
];
const BAD_LISTS = [[null], [1], ['a+'], ['a', 'b+'], ['#', 5], [{}], 'a', {}];

const MUTATIONS: Mutation[] = [
  [
    'an integer out of range or of another type',
    (app, rng) => {
      const c = one(
        app,
        rng,
        rng.pick(['realtime-platform', 'realtime-webservice']),
      );
      if (c) {
        setAt(c.properties, rng.pick(INT_PATHS[c.type]), rng.pick(BAD_INTS));
      }
    },
  ],
  [
    'a string outside its pattern or length, or of another type',
    (app, rng) => {
      const c = one(
        app,
        rng,
        rng.pick(['realtime-platform', 'realtime-webservice']),
      );
      if (c) {
        setAt(
          c.properties,
          rng.pick(STRING_PATHS[c.type]),
          rng.pick(BAD_STRINGS),
        );
      }
    },
  ],
  [
    'a list with a wrong element, or not a list',
    (app, rng) => {
      const c = one(app, rng, 'realtime-platform');
      if (c) setAt(c.properties, rng.pick(LIST_PATHS), rng.pick(BAD_LISTS));
    },
  ],
  [
    'a platform value set to something else',
    (app, rng) => {
      const c = one(app, rng, 'realtime-platform');
      if (c)
        setAt(c.properties, rng.pick(PLATFORM_PATHS), rng.pick(BAD_VALUES));
    },
  ],
  [
    'a service value set to something else',
    (app, rng) => {
      const c = one(app, rng, 'realtime-webservice');
      if (c) setAt(c.properties, rng.pick(SERVICE_PATHS), rng.pick(BAD_VALUES));
    },
  ],
  [
    'an unknown key',
    (app, rng) => {
      const c = anyComponent(app, rng);
      if (!c) return;
      const [, obj] = rng.pick(objectsIn(c.properties));
      obj[rng.pick(['qs', 'replica', 'kafak', 'x', 'Name', 'a.b'])] = 1;
    },
  ],
  [
    'a required key removed',
    (app, rng) => {
      const c = anyComponent(app, rng);
      if (!c) return;
      const p = c.properties;
      const holders: [Json, string][] = [
        ...(p.topics ?? []).map((t: Json) => [t, 'name']),
        ...(p.mqtt?.users ?? []).map((u: Json) => [u, 'name']),
        ...(p.mqtt?.bridges ?? []).map((b: Json) => [
          b,
          rng.pick(['mqttTopic', 'kafkaTopic']),
        ]),
        ...(p.env ?? []).map((e: Json) => [e, rng.pick(['name', 'value'])]),
        ...(c.type === 'realtime-webservice' ? [[p, 'image']] : []),
      ].filter(([o]) => o && typeof o === 'object');
      if (!holders.length) return;
      const [obj, key] = rng.pick(holders);
      delete obj[key];
    },
  ],
  [
    'a duplicate topic, user or variable',
    (app, rng) => {
      const c = anyComponent(app, rng);
      if (!c) return;
      const p = c.properties;
      const list = rng.pick(
        [p.topics, p.mqtt?.users, p.env].filter(
          l => Array.isArray(l) && l.length,
        ),
      );
      if (list) list.push({ ...list[0] });
    },
  ],
  [
    'topic names that normalise to the same secret key',
    (app, rng) => {
      const c = one(app, rng, 'realtime-platform');
      if (c) c.properties.topics = [{ name: 'a.b' }, { name: 'a_b' }];
    },
  ],
  [
    'a replication factor above kafka.replicas',
    (app, rng) => {
      const c = one(app, rng, 'realtime-platform');
      if (!c) return;
      const replicas = rng.int(1, 3);
      setAt(c.properties, 'kafka.replicas', replicas);
      setAt(c.properties, 'topics.0.name', 'replicated');
      setAt(c.properties, 'topics.0.replicationFactor', replicas + 1);
    },
  ],
  [
    'a bridge or sink to an undeclared topic',
    (app, rng) => {
      const c = one(app, rng, 'realtime-platform');
      if (!c) return;
      if (rng.chance(0.5)) {
        setAt(c.properties, 'mqtt.bridges.0', {
          mqttTopic: 'in/#',
          kafkaTopic: 'undeclared',
        });
      } else setAt(c.properties, 'postgresql.sink.topics.0', 'undeclared');
    },
  ],
  [
    'a service variable named like a connection-secret key',
    (app, rng) => {
      const c = one(app, rng, 'realtime-webservice');
      if (!c) return;
      const keys = [...CONNECTION_KEYS.map(k => k.key), 'TOPIC_ANY'];
      const name = keys[envKey++ % keys.length];
      setAt(c.properties, 'env.0', { name, value: 'x' });
    },
  ],
  [
    'produces without realtime, or realtime naming no platform',
    (app, rng) => {
      const c = one(app, rng, 'realtime-webservice');
      if (!c) return;
      const p = c.properties;
      if (rng.chance(0.5)) {
        delete p.realtime;
        p.produces = ['orders'];
      } else p.realtime = 'nowhere';
    },
  ],
  [
    'a service producing a topic its platform does not declare',
    (app, rng) => {
      const services = of(app, 'realtime-webservice').filter(
        s => s.properties.realtime,
      );
      if (services.length) rng.pick(services).properties.consumes = ['nope'];
    },
  ],
  [
    'a component name the definitions refuse',
    (app, rng) => {
      const c = rng.pick(app.spec.components as Json[]);
      const old = c.name;
      c.name = rng.pick([
        'plat--form',
        `p${'x'.repeat(40)}`,
        `w${'y'.repeat(63)}`,
        '1st',
      ]);
      for (const s of of(app, 'realtime-webservice')) {
        if (s.properties.realtime === old) s.properties.realtime = c.name;
      }
    },
  ],
  [
    'a long application namespace',
    app => {
      app.metadata.namespace = `n${'s'.repeat(40)}`;
    },
  ],
  [
    'properties that are not a mapping, or an unknown type',
    (app, rng) => {
      const c = rng.pick(app.spec.components as Json[]);
      if (rng.chance(0.5)) c.properties = rng.pick([[], 'x', null]);
      else c.type = rng.pick(['webservice', 'kafka']);
    },
  ],
];

// Wrong values come in the most shapes: they are drawn twice as often.
const WEIGHTED: Mutation[] = [...MUTATIONS.slice(0, 5), ...MUTATIONS];

/** A generated application and the mutations applied to it. */
export interface GeneratedApplication {
  file: string;
  text: string;
  mutations: string[];
}

/** `count` applications from `seed`: about a fifth valid, the rest mutated. */
export function generateApplications(
  seed: number,
  count: number,
): GeneratedApplication[] {
  const rng = new Rng(seed);
  envKey = 0;
  return Array.from({ length: count }, (_, i) => {
    const app = validApplication(rng, i);
    const mutations: string[] = [];
    const n = rng.pick([0, 1, 1, 1, 2, 3]);
    for (let m = 0; m < n; m++) {
      const [what, apply] = rng.pick(WEIGHTED);
      apply(app, rng);
      mutations.push(what);
    }
    return {
      file: `https://apps.example.org/generated/app-${i}.yaml`,
      text: stringify(app),
      mutations,
    };
  });
}

/** An application text from its components (for hand-written cases). */
export function applicationText(components: Json[], name = 'explicit'): string {
  return stringify({
    apiVersion: 'core.oam.dev/v1beta1',
    kind: 'Application',
    metadata: { name, namespace: 'apps' },
    spec: { components },
  });
}
