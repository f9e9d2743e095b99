import { Entity } from '@backstage/catalog-model';

/** mulberry32: a small seeded PRNG, so every fuzz run is reproducible. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const chance = (p: number) => next() < p;
  const chars = (alphabet: string, n: number) =>
    Array.from({ length: n }, () => alphabet[int(alphabet.length)]).join('');
  return { next, int, pick, chance, chars };
}

type Rng = ReturnType<typeof prng>;

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64 = `${ALNUM}+/`;

/** Secret-shaped strings; each returns the full value and its payload. */
const SECRET_SHAPES: Array<(r: Rng, payload: string) => string> = [
  (_, p) => `password=${p}`,
  (_, p) => `token: ${p}`,
  (_, p) => `API_KEY=${p}`,
  (r, p) => `${p}${r.chars(B64, 26)}==`,
  (r, p) => `eyJ${p}.${r.chars(ALNUM, 20)}.${r.chars(ALNUM, 10)}`,
  (_, p) => `https://admin:${p}@lenses.example.com`,
  (_, p) => `-----BEGIN PRIVATE KEY-----${p}`,
  (r, p) =>
    `${p.toLowerCase().replace(/[^a-f0-9]/g, 'a')}${r.chars(
      '0123456789abcdef',
      40,
    )}`,
  (_, p) => `postgres://user:${p}@db:5432/app`,
  (_, p) => `https://lenses.example.com/?access_token=${p}`,
];

const UNSAFE_URLS: Array<(p: string) => string> = [
  p => `javascript:alert('${p}')`,
  p => `JaVaScRiPt:alert('${p}')`,
  p => ` javascript:alert('${p}')`,
  p => `java\tscript:alert('${p}')`,
  p => `data:text/html,<script>${p}</script>`,
  p => `vbscript:msgbox('${p}')`,
  p => `//evil.example.com/${p}`,
  () => `http://`,
  p => `https://[${p}`,
  p => `file:///etc/${p}`,
];

const KNOWN_KEYS = [
  'realtime-platform.io/platform-name',
  'realtime-platform.io/namespace',
  'realtime-platform.io/connection-secret',
  'realtime-platform.io/connection-secret-keys',
  'realtime-platform.io/lenses-hq-url',
  'realtime-platform.io/metabase-url',
  'realtime-platform.io/platform-ref',
  'realtime-platform.io/produces-topics',
  'realtime-platform.io/consumes-topics',
  'realtime-platform.io/host',
  'realtime-platform.io/port',
];

const JUNK: unknown[] = [
  '',
  '   ',
  42,
  true,
  null,
  ['a'],
  { a: 1 },
  'ünïcødé/名前',
  'x'.repeat(5000),
  ',,,',
  'a/b/c/d',
  'KAFKA_BOOTSTRAP_SERVERS,,lower_case, 1BAD',
  'component:',
  ':/',
  '🙂',
];

const VALID: Record<string, string[]> = {
  'realtime-platform.io/platform-name': ['p1', 'orders-platform'],
  'realtime-platform.io/namespace': ['apps', 'apps--p1-realtime'],
  'realtime-platform.io/connection-secret': ['apps/p1-conn', 'p1-conn'],
  'realtime-platform.io/connection-secret-keys': [
    'KAFKA_BOOTSTRAP_SERVERS, MQTT_PASSWORD',
    'TOPIC_A',
  ],
  'realtime-platform.io/lenses-hq-url': ['https://lenses.example.com'],
  'realtime-platform.io/metabase-url': ['http://metabase.local:3000/x'],
  'realtime-platform.io/platform-ref': ['component:default/p1', 'p1'],
  'realtime-platform.io/produces-topics': ['a.b, c-d'],
  'realtime-platform.io/consumes-topics': ['e_f'],
  'realtime-platform.io/host': ['kafka.apps--p1-realtime.svc'],
  'realtime-platform.io/port': ['9092', '0', '70000', 'http'],
};

/** One generated case: the entity, catalog contents, config and planted values. */
export interface FuzzCase {
  entity: Entity;
  related: Entity[];
  config: Record<string, string | undefined>;
  /** Secret values and their payloads: none may appear in the DOM. */
  secrets: string[];
  /** Payloads planted in unsafe URLs: none may appear in the DOM. */
  unsafe: string[];
}

/** Generates one malformed entity with its related entities. */
export function generateCase(r: Rng): FuzzCase {
  const secrets: string[] = [];
  const unsafe: string[] = [];
  const payload = () =>
    `${r.chars('ABCDEFGHJKLMNPQRSTUVWXYZ', 6)}${r.chars('23456789', 6)}`;
  const secret = () => {
    const p = payload();
    const value = r.pick(SECRET_SHAPES)(r, p);
    secrets.push(value, p);
    return value;
  };
  const unsafeUrl = () => {
    const p = payload();
    unsafe.push(p);
    return r.pick(UNSAFE_URLS)(p);
  };
  const value = (key: string): unknown => {
    // Secrets need two valid annotations at once; bias them so that state is reached.
    if (key.includes('connection-secret') && r.chance(0.4)) {
      return r.pick(VALID[key]);
    }
    const roll = r.next();
    if (roll < 0.3) return r.pick(VALID[key] ?? ['x']);
    if (roll < 0.55) return secret();
    if (roll < 0.7 && /url/.test(key)) return unsafeUrl();
    if (roll < 0.85) return r.pick(JUNK);
    return `${r.pick(VALID[key] ?? ['x'])}, ${secret()}`;
  };
  const annotations = (keys: string[]) => {
    const out: Record<string, unknown> = {};
    for (const key of keys) if (r.chance(0.7)) out[key] = value(key);
    if (r.chance(0.3))
      out[
        `example.com/${r.pick([
          'db-password',
          'api-token',
          'private-key',
          'secret-value',
        ])}`
      ] = secret();
    if (r.chance(0.2))
      out[`realtime-platform.io/${r.pick(['password', 'extra', secret()])}`] =
        secret();
    if (r.chance(0.1)) out[secret()] = 'x';
    return out;
  };
  const ref = () =>
    r.pick([
      `resource:default/part-${r.int(5)}`,
      `component:default/consumer-${r.int(5)}`,
      `resource:default/${secret()}`,
      'not a ref',
      '',
      `resource:${r.chars(ALNUM, 8)}/x`,
    ]);
  const relations = Array.from({ length: r.int(8) }, () =>
    r.chance(0.9)
      ? {
          type: r.pick([
            'hasPart',
            'dependsOn',
            'dependencyOf',
            'ownedBy',
            'HASPART',
          ]),
          targetRef: r.chance(0.9) ? ref() : r.pick(JUNK),
        }
      : r.pick(JUNK),
  );
  const links = r.chance(0.5)
    ? Array.from({ length: r.int(4) }, () =>
        r.chance(0.9)
          ? {
              type: r.pick(['lenses-hq', 'metabase', 'other']),
              url: r.pick([
                unsafeUrl,
                secret,
                () => 'https://ok.example.com',
              ])(),
              title: r.chance(0.5) ? secret() : 'Tool',
            }
          : r.pick(JUNK),
      )
    : r.pick([undefined, 'links', null]);
  const role = r.int(10);
  const entity = {
    apiVersion: 'backstage.io/v1alpha1',
    // The envelope stays valid: the catalog rejects anything else, and
    // EntityProvider (outside the card) cannot hold such an entity.
    kind: r.pick(['Component', 'Component', 'component', 'Resource', 'System']),
    metadata: {
      name: r.chance(0.9) ? 'fuzzed' : secret(),
      namespace: r.pick([undefined, 'default', 'other']),
      annotations: r.chance(0.95) ? annotations(KNOWN_KEYS) : r.pick(JUNK),
      links,
      title: r.chance(0.2) ? secret() : undefined,
      description: r.chance(0.2) ? secret() : undefined,
    },
    spec: r.chance(0.95)
      ? {
          type:
            role < 6 ? 'realtime-platform' : r.pick(['service', secret(), 7]),
          dependsOn: r.chance(0.3)
            ? [ref(), r.pick(JUNK)]
            : r.pick([undefined, 'x']),
        }
      : r.pick([undefined, null, 'spec']),
    relations: r.chance(0.9) ? relations : r.pick(JUNK),
  } as unknown as Entity;

  const related: Entity[] = [];
  for (let i = 0; i < 5; i++) {
    if (r.chance(0.6)) {
      related.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: `part-${i}`,
          namespace: 'default',
          title: r.chance(0.3) ? secret() : undefined,
          description: r.chance(0.3) ? secret() : undefined,
          annotations: annotations(KNOWN_KEYS) as Record<string, string>,
        },
        spec: { type: r.pick(['kafka', 'metabase', secret(), 5]) },
      } as Entity);
    }
    if (r.chance(0.6)) {
      related.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: `consumer-${i}`,
          namespace: 'default',
          title: r.chance(0.3) ? secret() : undefined,
          annotations: annotations(KNOWN_KEYS) as Record<string, string>,
        },
        spec: { type: 'service' },
      } as Entity);
    }
  }
  const baseUrl = () =>
    r.pick([
      undefined,
      'https://tools.example.com/{name}',
      unsafeUrl(),
      secret(),
    ]);
  return {
    entity,
    related,
    config: {
      'realtimePlatform.lensesBaseUrl': baseUrl(),
      'realtimePlatform.metabaseBaseUrl': baseUrl(),
    },
    secrets,
    unsafe,
  };
}
