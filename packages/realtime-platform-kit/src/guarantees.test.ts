/**
 * One block per guarantee of /work/shared/design/platform-contract.md (copied in platform/README.md).
 * Every application here is rendered by the real cue binary and the Composition's Go template.
 */
import fs from 'node:fs';
import path from 'node:path';
import { clusterObjects } from './cluster/manifests';
import { runComposition } from './composition';
import { secretCopies } from './runtime/plan';
import {
  CONNECTION_KEYS,
  ENV_VAR_NAME,
  topicKey,
} from '@internal/realtime-platform-contract';
import { composedServices, decodeSecretValue } from './kit';
import { compositionRenderBinary } from './paths';
import { flattenParameters } from './schema';
import {
  app,
  check,
  composedOf,
  containers,
  kit,
  Loose,
  manifestOf,
  manifests,
  renderedObject,
  resource,
  secretData,
  strings,
} from './__fixtures__/testing';

// Each test spawns cue and composition-render; under a parallel repo-wide run they can take seconds.
jest.setTimeout(60_000);

const platform = (name: string, properties: any = {}) => ({
  name,
  type: 'realtime-platform',
  properties,
});
const web = (name: string, properties: any) => ({
  name,
  type: 'realtime-webservice',
  properties: { image: 'ghcr.io/example/svc:1.2.3', ...properties },
});
const messages = (fv: {
  issues: { message: string; field?: string; fix: string }[];
}) =>
  fv.issues
    .map(i => `${i.field ?? ''}: ${i.message} (fix: ${i.fix})`)
    .join('\n');

const FULL = {
  kafka: { replicas: 3 },
  topics: [{ name: 'a', replicationFactor: 2 }, { name: 'b' }],
  mqtt: {
    users: [{ name: 'u1', topics: ['d/#'] }],
    bridges: [{ mqttTopic: 'd/+/t', kafkaTopic: 'a' }],
  },
  lenses: { acceptEULA: true },
  postgresql: { sink: { topics: ['a'] } },
};

/** Composed resources with generated credential values masked, for before/after comparisons. */
function normalisedComposed(fv: any): string {
  const masked = composedOf(fv).map(c => {
    const r = JSON.parse(JSON.stringify(c.resource));
    if (r.kind === 'Secret' && r.data) {
      for (const k of Object.keys(r.data)) {
        const spec = CONNECTION_KEYS.find(s => s.key === k);
        if (c.name !== 'connection' || spec?.credential) r.data[k] = 'x';
      }
    }
    return { name: c.name, r };
  });
  return JSON.stringify(masked);
}

describe('1. nothing accepted is ignored', () => {
  const unknownKeys: [string, any][] = [
    ['top level', { kafak: {} }],
    ['kafka', { kafka: { replica: 3 } }],
    ['topics[]', { topics: [{ name: 'a', partition: 3 }] }],
    ['schemaRegistry', { schemaRegistry: { compat: 'FULL' } }],
    ['mqtt', { mqtt: { websocket: true } }],
    ['mqtt.users[]', { mqtt: { users: [{ name: 'u', password: 'x' }] } }],
    [
      'mqtt.bridges[]',
      {
        topics: [{ name: 'a' }],
        mqtt: { bridges: [{ mqttTopic: 'x', kafkaTopic: 'a', retain: true }] },
      },
    ],
    ['lenses', { lenses: { acceptEULA: true, enabled: true } }],
    [
      'lenses.license',
      { lenses: { acceptEULA: true, license: { name: 'x' } } },
    ],
    ['metabase', { metabase: { adminPassword: 'x' } }],
    ['postgresql', { postgresql: { version: 16 } }],
    ['postgresql.sink', { postgresql: { sink: { table: 'x' } } }],
    ['resources', { resources: { cpu: '1' } }],
  ];

  it.each(unknownKeys)(
    'an unknown key in %s is rejected, naming the key',
    async (_where, props) => {
      const [fv] = await check([app('x', [platform('p', props)])]);
      expect(fv.valid).toBe(false);
      expect(fv.issues).toHaveLength(1);
      expect(fv.issues[0].message).toMatch(
        /unknown parameter ".+" \(field not allowed\)/,
      );
      expect(fv.issues[0].fix).toMatch(/^remove it/);
    },
  );

  it.each([
    ['top level', { imagePullPolicy: 'Always' }],
    ['env[]', { env: [{ name: 'A', value: 'b', secret: true }] }],
    ['resources', { resources: { gpu: 1 } }],
    ['readiness', { readiness: { port: 80 } }],
  ])('an unknown webservice key in %s is rejected', async (_w, props) => {
    const [fv] = await check([app('x', [web('w', props)])]);
    expect(fv.valid).toBe(false);
    expect(messages(fv)).toContain('field not allowed');
  });

  // Every leaf parameter with a different, valid value. A new parameter without an entry fails
  // the coverage test; an entry whose value changes nothing in the composed output fails the effect test.
  const platformMutations: Record<string, (p: any) => void> = {
    'kafka.replicas': p => (p.kafka.replicas = 4),
    'kafka.storage': p => (p.kafka.storage = '20Gi'),
    'kafka.autoCreateTopics': p => (p.kafka.autoCreateTopics = true),
    'topics[].name': p => (p.topics[1].name = 'c'),
    'topics[].partitions': p => (p.topics[0].partitions = 6),
    'topics[].replicationFactor': p => (p.topics[0].replicationFactor = 3),
    'topics[].retention': p => (p.topics[0].retention = '1d'),
    'topics[].cleanupPolicy': p => (p.topics[0].cleanupPolicy = 'compact'),
    'schemaRegistry.compatibility': p =>
      (p.schemaRegistry = { compatibility: 'FULL' }),
    'mqtt.users[].name': p => (p.mqtt.users[0].name = 'u2'),
    'mqtt.users[].access': p => (p.mqtt.users[0].access = 'read'),
    'mqtt.users[].topics': p => (p.mqtt.users[0].topics = ['e/#']),
    'mqtt.bridges[].mqttTopic': p => (p.mqtt.bridges[0].mqttTopic = 'e/+/t'),
    'mqtt.bridges[].kafkaTopic': p => (p.mqtt.bridges[0].kafkaTopic = 'b'),
    'mqtt.bridges[].qos': p => (p.mqtt.bridges[0].qos = 2),
    'mqtt.tls.secretName': p => (p.mqtt.tls = { secretName: 'other-tls' }),
    'lenses.acceptEULA': p => delete p.lenses,
    'lenses.license.secretName': p =>
      (p.lenses.license = { secretName: 'other' }),
    'lenses.license.key': p => (p.lenses.license = { key: 'OTHER' }),
    'lenses.agentKey.secretName': p =>
      (p.lenses.agentKey = { secretName: 'other' }),
    'lenses.agentKey.key': p => (p.lenses.agentKey = { key: 'OTHER' }),
    'lenses.metricsNamespace': p => (p.lenses.metricsNamespace = 'scrapers'),
    'metabase.adminEmail': p =>
      (p.metabase = { adminEmail: 'ops@example.org' }),
    'metabase.siteName': p => (p.metabase = { siteName: 'Other' }),
    'postgresql.storage': p => (p.postgresql.storage = '20Gi'),
    'postgresql.database': p => (p.postgresql.database = 'other'),
    'postgresql.user': p => (p.postgresql.user = 'other'),
    'postgresql.sink.topics': p => (p.postgresql.sink.topics = ['b']),
    'postgresql.sink.valueFormat': p =>
      (p.postgresql.sink.valueFormat = 'avro'),
    'postgresql.sink.insertMode': p =>
      (p.postgresql.sink.insertMode = 'upsert'),
    'resources.size': p => (p.resources = { size: 'large' }),
    'resources.schemaRegistryReplicas': p =>
      (p.resources = { schemaRegistryReplicas: 2 }),
    'resources.connectReplicas': p => (p.resources = { connectReplicas: 2 }),
  };
  const webMutations: Record<string, (w: any) => void> = {
    image: w => (w.image = 'ghcr.io/example/svc:1.2.4'),
    port: w => (w.port = 9090),
    replicas: w => (w.replicas = 2),
    'env[].name': w => (w.env[0].name = 'B'),
    'env[].value': w => (w.env[0].value = 'other'),
    'resources.cpu': w => (w.resources = { cpu: '1' }),
    'resources.memory': w => (w.resources = { memory: '1Gi' }),
    'readiness.path': w => (w.readiness = { path: '/ready' }),
    'readiness.periodSeconds': w => (w.readiness = { periodSeconds: 30 }),
    'securityContext.runAsUser': w => (w.securityContext = { runAsUser: 1001 }),
    'securityContext.readOnlyRootFilesystem': w =>
      (w.securityContext = { readOnlyRootFilesystem: false }),
    realtime: w => (w.realtime = 'q'),
    produces: w => (w.produces = ['b']),
    consumes: w => (w.consumes = ['b']),
  };
  const leaves = (root: any) =>
    flattenParameters(root)
      .filter(n => !n.children && !n.items?.children)
      .map(n => n.path);

  it('every leaf parameter has a mutation in this test', async () => {
    expect(leaves((await kit.schema('realtime-platform')).root).sort()).toEqual(
      Object.keys(platformMutations).sort(),
    );
    expect(
      leaves((await kit.schema('realtime-webservice')).root).sort(),
    ).toEqual(Object.keys(webMutations).sort());
  });

  it('changing any realtime-platform parameter changes the composed resources', async () => {
    const entries = Object.entries(platformMutations);
    const variants = entries.map(([, mutate]) => {
      const props = JSON.parse(JSON.stringify(FULL));
      mutate(props);
      return app('x', [platform('p', props)]);
    });
    const [base, ...mutated] = await check([
      app('x', [platform('p', FULL)]),
      ...variants,
    ]);
    const baseline = normalisedComposed(base);
    const ignored = entries
      .filter(
        (_, i) =>
          !mutated[i].valid || normalisedComposed(mutated[i]) === baseline,
      )
      .map(
        ([k], i) =>
          `${k}${
            mutated[i].valid ? '' : ` (invalid: ${messages(mutated[i])})`
          }`,
      );
    expect(ignored).toEqual([]);
  });

  it('lenses.acceptEULA accepts only true', async () => {
    const [fv] = await check([
      app('x', [platform('p', { lenses: { acceptEULA: false } })]),
    ]);
    expect(fv.valid).toBe(false);
    expect(fv.issues[0].field).toBe('lenses.acceptEULA');
  });

  it('changing any webservice parameter changes the rendered objects', async () => {
    const baseWeb = {
      env: [{ name: 'A', value: 'a' }],
      realtime: 'p',
      produces: ['a'],
      consumes: ['a'],
    };
    const entries = Object.entries(webMutations);
    const mk = (w: any) =>
      app('x', [
        platform('p', { topics: [{ name: 'a' }, { name: 'b' }] }),
        platform('q', { topics: [{ name: 'a' }, { name: 'b' }] }),
        web('w', w),
      ]);
    const variants = entries.map(([, mutate]) => {
      const w = JSON.parse(JSON.stringify(baseWeb));
      mutate(w);
      return mk(w);
    });
    const [base, ...mutated] = await check([mk(baseWeb), ...variants]);
    const objs = (fv: any) =>
      JSON.stringify(
        fv.result.objects.filter((o: any) => o.kind !== 'RealtimePlatform'),
      );
    expect(base.valid).toBe(true);
    const ignored = entries
      .filter((_, i) => !mutated[i].valid || objs(mutated[i]) === objs(base))
      .map(([k]) => k);
    expect(ignored).toEqual([]);
  });
});

describe('1b. parameters the platform reserves are rejected', () => {
  it.each([
    ['postgresql.user', { postgresql: { user: 'postgres' } }],
    ['postgresql.database', { postgresql: { database: 'metabase' } }],
  ])('%s', async (field, props) => {
    const [fv] = await check([app('x', [platform('p', props)])]);
    expect(fv.valid).toBe(false);
    expect(fv.issues[0].field).toBe(field);
  });
});

describe('2. names fit', () => {
  const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
  const longName = 'a'.repeat(40);
  const ns = 'n'.repeat(12); // 12 + 2 + 40 + 9 = 63: the longest accepted platform namespace (<ns>--<name>-realtime)

  it('the longest accepted names produce objects within every Kubernetes limit', async () => {
    const [fv] = await check([
      app(
        'x',
        [platform(longName, FULL), web('w'.repeat(63), { realtime: longName })],
        ns,
      ),
    ]);
    expect(messages(fv)).toBe('');
    const objs = [
      ...fv.result!.objects,
      ...composedOf(fv).map(c => c.resource),
      ...manifests(fv),
    ];
    for (const o of objs) {
      const name: string = o.metadata.name;
      expect(name.length).toBeLessThanOrEqual(253);
      const labelLimited = [
        'Namespace',
        'Service',
        'Job',
        'StatefulSet',
        'Deployment',
      ].includes(o.kind);
      expect(
        `${o.kind}/${name}: ${!labelLimited || DNS_LABEL.test(name)}`,
      ).toBe(`${o.kind}/${name}: true`);
      for (const v of Object.values<string>(o.metadata.labels ?? {}))
        expect(v.length).toBeLessThanOrEqual(63);
      for (const v of Object.values<string>(
        o.spec?.template?.metadata?.labels ?? {},
      ))
        expect(v.length).toBeLessThanOrEqual(63);
    }
    expect(
      manifests(fv).find(m => m.kind === 'Namespace').metadata.name,
    ).toHaveLength(63);
  });

  it('a platform namespace over 63 characters is rejected with the limit in the message', async () => {
    const [fv] = await check([app('x', [platform(longName)], `${ns}x`)]);
    expect(fv.valid).toBe(false);
    expect(fv.issues[0].message).toContain(
      'is 64 characters; the Kubernetes limit for a namespace (DNS-1123 label) is 63',
    );
  });

  it('a platform component name over 40 characters is rejected with the limit in the message', async () => {
    const [fv] = await check([app('x', [platform(`${longName}b`)], 'ns')]);
    expect(fv.valid).toBe(false);
    expect(fv.issues[0].message).toContain('at most 40');
    expect(fv.issues[0].message).toContain('63-character');
  });

  it('a platform component name with "--" is rejected naming the field and the fix', async () => {
    const [fv] = await check([app('x', [platform('b--c')], 'a')]);
    expect(fv.valid).toBe(false);
    expect(messages(fv)).toBe(
      'name: component name "b--c" contains "--", which is reserved as the separator of the platform namespace <app-namespace>--<name>-realtime (fix: use single dashes in the component name)',
    );
  });

  it('a webservice name over 63 characters is rejected', async () => {
    const [fv] = await check([app('x', [web('w'.repeat(64), {})])]);
    expect(fv.valid).toBe(false);
    expect(messages(fv)).toContain('at most 63 characters');
  });
});

describe('3. hosts are real', () => {
  const HOST =
    /([a-z0-9-]+(?:\.[a-z0-9-]+)?)\.([a-z0-9-]+)\.svc\.cluster\.local(?::(\d+))?/g;

  function checkHosts(fv: any) {
    const services = composedServices(composedOf(fv));
    const ms = manifests(fv);
    const workloads = ms.filter(m =>
      ['Deployment', 'StatefulSet'].includes(m.kind),
    );
    const problems: string[] = [];
    const resolve = (host: string, port: number | undefined, where: string) => {
      const parts = host.split('.');
      const svcName = parts[parts.length - 2] ?? parts[0];
      const [first] = parts;
      const namespace = parts[parts.length - 1];
      // host is <service>.<namespace> or <pod>.<headless-service>.<namespace>
      const svc = services.find(
        s =>
          s.namespace === namespace &&
          s.name === (parts.length === 3 ? parts[1] : first),
      );
      if (!svc) return problems.push(`${where}: no Service for ${host}`);
      if (port !== undefined && !svc.ports.includes(port))
        problems.push(`${where}: Service ${svc.name} has no port ${port}`);
      const backing = workloads.find(w =>
        Object.entries(svc.selector).every(
          ([k, v]) => w.spec.template.metadata.labels[k] === v,
        ),
      );
      if (!backing)
        return problems.push(
          `${where}: Service ${svc.name} selects no workload`,
        );
      const cports = backing.spec.template.spec.containers.flatMap((c: any) =>
        (c.ports ?? []).map((p: any) => p.containerPort),
      );
      if (port !== undefined && !cports.includes(port))
        problems.push(
          `${where}: ${backing.kind} ${backing.metadata.name} does not listen on ${port}`,
        );
      if (parts.length === 3 && backing.spec.serviceName !== svc.name)
        problems.push(
          `${where}: pod DNS ${host} needs serviceName ${svc.name}`,
        );
      return svcName;
    };
    const conn = secretData(fv, 'connection');
    for (const spec of CONNECTION_KEYS.filter(
      s => s.service && conn[s.key] !== undefined,
    )) {
      const value = conn[spec.key];
      if (spec.shape === 'port number') {
        const host = conn[spec.key.replace('_PORT', '_HOST')];
        resolve(
          host.replace('.svc.cluster.local', ''),
          Number(value),
          spec.key,
        );
        continue;
      }
      const m = /^(?:[a-z]+:\/\/)?(?:[^@/]*@)?([^:/]+)(?::(\d+))?/.exec(value)!;
      expect(m[1]).toMatch(/\.svc\.cluster\.local$/);
      resolve(
        m[1].replace('.svc.cluster.local', ''),
        m[2] ? Number(m[2]) : spec.service!.port,
        spec.key,
      );
    }
    // Every in-cluster address anywhere in the composed resources (env, config files, scripts, connectors).
    for (const s of strings(composedOf(fv).map(c => c.resource))) {
      for (const m of s.matchAll(HOST))
        resolve(
          `${m[1]}.${m[2]}`,
          m[3] ? Number(m[3]) : undefined,
          `"${m[0]}"`,
        );
    }
    return problems;
  }

  it('every host:port in the connection secret and in every composed resource is a composed Service backed by a listening workload', async () => {
    const results = await kit.validateFiles(
      ['MINIMAL-REALTIME-OAM.yaml', 'REALTIME-OAM-EXAMPLE.yaml'].map(f =>
        path.join(kit.paths.root, 'platform/examples', f),
      ),
    );
    for (const fv of results) {
      expect(fv.valid).toBe(true);
      expect(checkHosts(fv)).toEqual([]);
    }
  });

  it('the cross-check fails when a Service the secret points to is missing', async () => {
    const [fv] = await check([app('x', [platform('p', FULL)])]);
    const comp = composedOf(fv);
    const idx = comp.findIndex(c => c.name === 'schema-registry-service');
    comp.splice(idx, 1);
    expect(checkHosts(fv).join('\n')).toContain(
      'no Service for schema-registry',
    );
  });

  it('the WebSocket URL points at a listener Mosquitto is configured to open', async () => {
    const [fv] = await check([app('x', [platform('p')])]);
    const conf = manifests(fv).find(
      m => m.kind === 'ConfigMap' && m.metadata.name === 'mqtt-config',
    ).data['mosquitto.conf'];
    expect(conf).toMatch(/listener 9001\nprotocol websockets/);
    expect(conf).toMatch(/listener 1883\nprotocol mqtt/);
    expect(conf).toContain('allow_anonymous false');
    expect(secretData(fv, 'connection').MQTT_WS_URL).toMatch(/:9001\/$/);
  });
});

describe('4. no credential literals', () => {
  const files = [
    'platform/realtime-component-definitions.yaml',
    'platform/realtime-compositions.yaml',
    ...fs
      .readdirSync(path.join(kit.paths.root, 'platform/examples'))
      .filter(f => f.endsWith('.yaml'))
      .map(f => `platform/examples/${f}`),
  ];
  const LITERAL =
    /(?<![$\w])[A-Za-z_.-]*(password|passwd|token|apikey|api_key)[A-Za-z_.-]*["']?\s*[:=]\s*["']?(?![$<{(]|valueFrom|secretKeyRef|true\b|false\b)[^\s"',}]{4,}/i;

  it.each(files)('%s holds no credential literal', file => {
    const hits = fs
      .readFileSync(path.join(kit.paths.root, file), 'utf8')
      .split('\n')
      .filter(l => LITERAL.test(l));
    expect(hits).toEqual([]);
  });

  it('the literal scan catches a planted password', () => {
    expect(LITERAL.test('          password: hunter22')).toBe(true);
    expect(LITERAL.test('  password: $(LENSES_HQ_DB_PASSWORD)')).toBe(false);
    expect(LITERAL.test('POSTGRES_PASSWORD=s3cr3t-value')).toBe(true);
    expect(LITERAL.test('{{- $passwd = append $passwd "x" }}')).toBe(false);
  });

  it('every credential-like env var in every workload comes from a Secret', async () => {
    const results = await kit.validateFiles([
      path.join(kit.paths.root, 'platform/examples/REALTIME-OAM-EXAMPLE.yaml'),
    ]);
    const all = containers(manifests(results[0]));
    const bad = all.flatMap(({ owner, container }) =>
      (container.env ?? [])
        .filter(
          (e: any) =>
            /PASSWORD|SECRET|TOKEN|_KEY$|LICENSE/.test(e.name) &&
            !e.valueFrom?.secretKeyRef,
        )
        .map((e: any) => `${owner}: ${e.name}`),
    );
    expect(bad).toEqual([]);
    for (const cm of manifests(results[0]).filter(
      m => m.kind === 'ConfigMap',
    )) {
      for (const text of Object.values<string>(cm.data)) {
        expect(text.split('\n').filter(l => LITERAL.test(l))).toEqual([]);
        for (const sql of text.match(/PASSWORD '[^']*'/g) ?? [])
          expect(sql).toMatch(/^PASSWORD '\$[A-Z_]+'$/);
      }
    }
  });

  it('credentials are generated per platform and stay stable once observed', async () => {
    const [a, b] = await check([
      app('x', [platform('p', FULL)]),
      app('x', [platform('p', FULL)]),
    ]);
    const credA = secretData(a, 'credentials');
    const credB = secretData(b, 'credentials');
    const keys = Object.keys(credA).filter(k => k !== 'KAFKA_CLUSTER_ID');
    expect(keys).toEqual(
      expect.arrayContaining([
        'POSTGRES_PASSWORD',
        'MQTT_PASSWORD',
        'METABASE_ADMIN_PASSWORD',
        'LENSES_ADMIN_PASSWORD',
      ]),
    );
    for (const k of keys) {
      expect(credA[k]).not.toEqual(credB[k]);
    }
    const badShape = keys.filter(
      k => !k.endsWith('BCRYPT') && !/^[A-Za-z0-9]{32}$/.test(credA[k]),
    );
    expect(badShape).toEqual([]);
    const observed = {
      credentials: resource(a, 'credentials'),
      'mqtt-users': resource(a, 'mqtt-users'),
    };
    const [again] = await runComposition(
      compositionRenderBinary(kit.paths.root),
      kit.paths.compositions,
      [{ xr: a.result!.platforms[0].xr, observed }],
    );
    const secret = (name: string) =>
      again.resources.find(r => r.name === name)!.resource.data;
    expect(secret('credentials')).toEqual(resource(a, 'credentials').data);
    expect(secret('mqtt-users')).toEqual(resource(a, 'mqtt-users').data);
    expect(secret('connection')).toEqual(resource(a, 'connection').data);
  });

  it('every secret, key and config map a workload references is one the Composition creates', async () => {
    const results = await check([
      app('x', [platform('p', FULL)]),
      app('x', [platform('p')]),
    ]);
    for (const fv of results) {
      const ms = manifests(fv);
      const copies = secretCopies(clusterObjects(fv.result!)).flatMap(
        c => c.copies,
      );
      const secretKeys = new Map<string, Set<string>>();
      for (const c of copies) {
        if (!secretKeys.has(c.toSecret)) secretKeys.set(c.toSecret, new Set());
        if (c.fromKey) secretKeys.get(c.toSecret)!.add(c.toKey);
      }
      const configMaps = new Set(
        ms.filter(m => m.kind === 'ConfigMap').map(m => m.metadata.name),
      );
      const dangling: string[] = [];
      const duplicates: string[] = [];
      for (const { owner, container } of containers(ms)) {
        const names = (container.env ?? []).map((e: any) => e.name);
        duplicates.push(
          ...names
            .filter((n: string, i: number) => names.indexOf(n) !== i)
            .map((n: string) => `${owner}: ${n}`),
        );
        for (const e of container.env ?? []) {
          const ref = e.valueFrom?.secretKeyRef;
          if (ref && !secretKeys.get(ref.name)?.has(ref.key))
            dangling.push(`${owner}: ${e.name} -> ${ref.name}/${ref.key}`);
        }
      }
      for (const m of ms) {
        for (const v of m.spec?.template?.spec?.volumes ?? []) {
          if (v.secret && !secretKeys.has(v.secret.secretName))
            dangling.push(
              `${m.metadata.name}: volume secret ${v.secret.secretName}`,
            );
          if (v.configMap && !configMaps.has(v.configMap.name))
            dangling.push(
              `${m.metadata.name}: volume configMap ${v.configMap.name}`,
            );
        }
      }
      expect(dangling).toEqual([]);
      expect(duplicates).toEqual([]);
      // copies in the platform namespace read keys that exist in the generated source secret
      const source = Object.keys(secretData(fv, 'credentials'));
      const refs = copies
        .filter(c => c.toSecret === 'credentials')
        .map(c => c.fromKey);
      expect(refs.sort()).toEqual(source.sort());
    }
  });

  it('the Lenses license and agent key come from secrets the user names, copied by the secret-sync Job, which may read only those', async () => {
    const [fv] = await check([
      app('x', [
        platform('p', {
          lenses: {
            acceptEULA: true,
            license: { secretName: 'my-license', key: 'k' },
          },
        }),
      ]),
    ]);
    const objects = clusterObjects(fv.result!);
    const copies = secretCopies(objects).flatMap(c => c.copies);
    expect(copies.filter(c => c.toSecret === 'lenses-license')).toEqual([
      {
        fromNamespace: 'apps',
        fromSecret: 'my-license',
        fromKey: 'k',
        toSecret: 'lenses-license',
        toKey: 'LICENSE_KEY',
      },
    ]);
    // The secret-sync ServiceAccount may read the user's Secret, by name, and nothing else.
    const source = objects.find(
      o => o.object.kind === 'Role' && o.object.metadata.namespace === 'apps',
    )!.object as any;
    expect(source.rules).toEqual([
      {
        apiGroups: [''],
        resources: ['secrets'],
        verbs: ['get'],
        resourceNames: expect.arrayContaining(['my-license']),
      },
    ]);
    expect(
      objects.filter(
        o =>
          o.object.kind === 'Secret' &&
          o.object.metadata.name === 'lenses-license',
      ),
    ).toEqual([]);
  });
});

describe('5. lists of any length render', () => {
  const sizes = [0, 1, 3];
  const props = (n: number) => {
    const topics = Array.from({ length: Math.max(n, 1) }, (_, i) => ({
      name: `t${i}`,
    }));
    return {
      topics: n === 0 ? [] : topics,
      mqtt: {
        users: Array.from({ length: n }, (_, i) => ({
          name: `u${i}`,
          topics: Array.from({ length: n || 1 }, (_x, j) => `d${j}/#`),
        })),
        bridges: Array.from({ length: n }, (_, i) => ({
          mqttTopic: `d${i}/+/x`,
          kafkaTopic: `t${i}`,
        })),
      },
      postgresql: { sink: { topics: topics.slice(0, n).map(t => t.name) } },
    };
  };

  it.each(sizes)(
    'topics, users, bridges, sink topics and env with %i items',
    async n => {
      const env = Array.from({ length: n }, (_, i) => ({
        name: `E${i}`,
        value: `${i}`,
      }));
      const produces = n === 0 ? [] : props(n).topics.map(t => t.name);
      const [fv] = await check([
        app('x', [
          platform('p', props(n)),
          web('w', { env, realtime: 'p', produces, consumes: produces }),
        ]),
      ]);
      expect(messages(fv)).toBe('');
      const conn = secretData(fv, 'connection');
      expect(
        Object.keys(conn).filter(k => k.startsWith('TOPIC_')),
      ).toHaveLength(n);
      expect(Object.keys(secretData(fv, 'mqtt-users'))).toHaveLength(n);
      const acl: string = manifests(fv).find(
        m => m.metadata.name === 'mqtt-config',
      ).data.acl;
      expect(acl.match(/^user /gm)).toHaveLength(2 + n);
      expect(acl.match(/^topic /gm)).toHaveLength(3 + n * n);
      const topicsJob = manifests(fv).find(
        m => m.kind === 'Job' && m.metadata.name.startsWith('topics-'),
      );
      expect(
        topicsJob.spec.template.spec.containers[0].command[2].match(
          /kafka-topics\.sh/g,
        )?.length ?? 0,
      ).toBe(n);
      const connectorsJob = manifests(fv).find(
        m => m.kind === 'Job' && m.metadata.name.startsWith('connectors-'),
      );
      expect(connectorsJob === undefined).toBe(n === 0);
      const script: string =
        connectorsJob?.spec.template.spec.containers[0].command[2] ?? '';
      expect(script.match(/CamelSourceConnector/g)?.length ?? 0).toBe(n);
      expect(script.match(/JdbcSinkConnector/g)?.length ?? 0).toBe(
        n === 0 ? 0 : 1,
      );
      const deployment = renderedObject(fv, 'Deployment');
      expect(deployment.spec.template.spec.containers[0].env).toHaveLength(n);
      expect(
        deployment.metadata.annotations[
          'realtime.platform.example.org/produces'
        ]
          .split(',')
          .filter(Boolean),
      ).toHaveLength(n);
      expect(
        secretCopies(clusterObjects(fv.result!))
          .flatMap(c => c.copies)
          .filter(c => c.toSecret === 'mqtt-users' && c.fromKey),
      ).toHaveLength(n);
    },
  );
});

describe('6. ready means usable', () => {
  const PINNED =
    /^[^:@\s]+(:(?!latest$)[A-Za-z0-9_][A-Za-z0-9._-]*\d[A-Za-z0-9._-]*|@sha256:[a-f0-9]{64})$/;

  it('every long-running container has a readiness probe, every image is pinned, and readiness gates the composite', async () => {
    const results = await kit.validateFiles(
      ['MINIMAL-REALTIME-OAM.yaml', 'REALTIME-OAM-EXAMPLE.yaml'].map(f =>
        path.join(kit.paths.root, 'platform/examples', f),
      ),
    );
    for (const fv of results) {
      const ms = manifests(fv);
      const workloads = [...ms, ...fv.result!.objects].filter(m =>
        ['Deployment', 'StatefulSet'].includes(m.kind),
      );
      expect(workloads.length).toBeGreaterThan(3);
      const unprobed = containers(workloads)
        .filter(
          x => !x.init && !Object.keys(x.container.readinessProbe ?? {}).length,
        )
        .map(x => `${x.owner}/${x.container.name}`);
      expect(unprobed).toEqual([]);
      for (const { owner, container } of containers([
        ...ms,
        ...fv.result!.objects,
      ]))
        expect(`${owner}: ${container.image}`).toMatch(
          new RegExp(`: ${PINNED.source.slice(1)}`),
        );
      const expectedReadiness = (kind: string) => {
        if (kind === 'Deployment' || kind === 'StatefulSet')
          return 'DeriveFromCelQuery: has(object.status.readyReplicas) && object.status.readyReplicas == object.spec.replicas';
        if (kind === 'Job')
          return 'DeriveFromCelQuery: has(object.status.succeeded) && object.status.succeeded >= 1';
        return 'SuccessfulCreate: undefined';
      };
      const readiness = composedOf(fv).map(c => {
        const r: Loose = c.resource;
        if (r.kind !== 'Object') return `${c.name}: ${r.kind} ready=${c.ready}`;
        return `${c.name}: ${r.spec.readiness.policy}: ${r.spec.readiness.celQuery} ready=${c.ready}`;
      });
      expect(readiness).toEqual(
        composedOf(fv).map(c =>
          c.resource.kind === 'Object'
            ? `${c.name}: ${expectedReadiness(
                manifestOf(c).kind,
              )} ready=Unspecified`
            : `${c.name}: Secret ready=True`,
        ),
      );
    }
  });

  it('an image tagged latest or without a tag is rejected', async () => {
    const [a, b] = await check([
      app('x', [web('w', { image: 'nginx:latest' })]),
      app('x', [web('w', { image: 'nginx' })]),
    ]);
    expect(a.valid).toBe(false);
    expect(b.valid).toBe(false);
    expect(a.issues[0].field).toBe('image');
  });
});

describe('7. one documented secret contract', () => {
  it('the connection secret has exactly the documented keys, all valid env var names', async () => {
    const [withLenses, without] = await check([
      app('x', [platform('p', FULL)]),
      app('x', [
        platform('p', {
          topics: [{ name: 'orders.created' }, { name: 'orders-paid_v2' }],
        }),
      ]),
    ]);
    const fixed = CONNECTION_KEYS.map(k => k.key);
    expect(Object.keys(secretData(withLenses, 'connection')).sort()).toEqual(
      [...fixed, 'TOPIC_A', 'TOPIC_B'].sort(),
    );
    const keys = Object.keys(secretData(without, 'connection'));
    expect(keys.sort()).toEqual(
      [
        ...fixed.filter(k => k !== 'LENSES_HQ_URL'),
        'TOPIC_ORDERS_CREATED',
        'TOPIC_ORDERS_PAID_V2',
      ].sort(),
    );
    for (const k of keys) expect(k).toMatch(ENV_VAR_NAME);
    expect(secretData(without, 'connection').TOPIC_ORDERS_CREATED).toBe(
      'orders.created',
    );
    expect(topicKey('orders.created')).toBe('TOPIC_ORDERS_CREATED');
  });

  it('topic names that normalise to the same key are rejected', async () => {
    const [fv] = await check([
      app('x', [platform('p', { topics: [{ name: 'a.b' }, { name: 'a-b' }] })]),
    ]);
    expect(fv.valid).toBe(false);
    expect(fv.issues[0].message).toContain('normalise to the same secret key');
  });

  it('a webservice with realtime gets the secret as its only envFrom source and cannot shadow a key', async () => {
    const [fv, shadow, topicShadow] = await check([
      app('x', [
        platform('p'),
        web('w', {
          realtime: 'p',
          env: [{ name: 'LOG_LEVEL', value: 'info' }],
        }),
      ]),
      app('x', [
        platform('p'),
        web('w', {
          realtime: 'p',
          env: [{ name: 'POSTGRES_PASSWORD', value: 'x' }],
        }),
      ]),
      app('x', [
        platform('p'),
        web('w', {
          realtime: 'p',
          env: [{ name: 'TOPIC_ANYTHING', value: 'x' }],
        }),
      ]),
    ]);
    const c = renderedObject(fv, 'Deployment').spec.template.spec.containers[0];
    expect(c.envFrom).toEqual([{ secretRef: { name: 'p-conn' } }]);
    expect(resource(fv, 'connection').metadata).toMatchObject({
      name: 'p-conn',
      namespace: 'apps',
    });
    for (const bad of [shadow, topicShadow]) {
      expect(bad.valid).toBe(false);
      expect(bad.issues[0].message).toContain(
        'is a key of the platform connection secret',
      );
    }
  });

  it('secrets() reports every key with its Service, port and env var, and no credential value', async () => {
    const [report] = await kit.secrets(
      path.join(kit.paths.root, 'platform/examples/REALTIME-OAM-EXAMPLE.yaml'),
    );
    expect(report).toMatchObject({
      platform: 'telemetry',
      secretName: 'telemetry-conn',
      namespace: 'factory',
      platformNamespace: 'factory--telemetry-realtime',
      consumers: ['ingest', 'alerting'],
    });
    expect(report.keys.map(k => k.key)).toEqual([
      ...CONNECTION_KEYS.map(k => k.key),
      'TOPIC_MACHINES_TELEMETRY',
      'TOPIC_MACHINES_ALERTS',
      'TOPIC_MACHINES_STATE',
    ]);
    expect(report.keys.filter(k => k.envVar !== k.key)).toEqual([]);
    expect(report.keys.filter(k => k.credential && 'value' in k)).toEqual([]);
    expect(
      report.keys.filter(k => k.service).map(k => [k.key, k.service]),
    ).toEqual(
      CONNECTION_KEYS.filter(s => s.service).map(s => [
        s.key,
        {
          name: s.service!.name,
          namespace: 'factory--telemetry-realtime',
          port: s.service!.port,
        },
      ]),
    );
  });
});

describe('8. many platforms per cluster', () => {
  it('two platforms with the same name in two namespaces, and two in one application, share no object', async () => {
    const results = await check([
      app('a', [platform('events', FULL)], 'team-a'),
      app('b', [platform('events', FULL)], 'team-b'),
      app('c', [platform('p1', FULL), platform('p2', FULL)], 'team-a'),
    ]);
    const owners = new Map<string, string>();
    const clash: string[] = [];
    results.forEach((fv, i) => {
      expect(fv.valid).toBe(true);
      fv.result!.platforms.forEach((p, j) => {
        const owner = `${i}/${p.component}`;
        const ids = [
          ...p.composed.map(
            c =>
              `${c.resource.apiVersion}/${c.resource.kind}/${
                c.resource.metadata.namespace ?? ''
              }/${c.resource.metadata.name}`,
          ),
          ...manifests(fv, j).map(
            m =>
              `${m.apiVersion}/${m.kind}/${m.metadata.namespace ?? ''}/${
                m.metadata.name
              }`,
          ),
        ];
        for (const id of ids) {
          if (owners.has(id) && owners.get(id) !== owner)
            clash.push(`${id}: ${owners.get(id)} and ${owner}`);
          owners.set(id, owner);
        }
        const clusterScoped = manifests(fv, j).filter(
          m => !m.metadata.namespace,
        );
        expect(clusterScoped.map(m => m.kind)).toEqual(['Namespace']);
      });
    });
    expect(clash).toEqual([]);
  });

  it('(namespace "a-b", platform "c") and (namespace "a", platform "b-c") get different platform namespaces', async () => {
    const results = await check([
      app('x', [platform('c')], 'a-b'),
      app('y', [platform('b-c')], 'a'),
    ]);
    const namespaces = results.map(
      fv => manifests(fv).find(m => m.kind === 'Namespace').metadata.name,
    );
    expect(namespaces).toEqual(['a-b--c-realtime', 'a--b-c-realtime']);
  });

  it('Kafka Connect consumer groups and MQTT client ids are per platform', async () => {
    const [fv] = await check([
      app('c', [platform('p1', FULL), platform('p2', FULL)]),
    ]);
    const group = (j: number) =>
      /^group\.id=(.*)$/m.exec(
        manifests(fv, j).find(m => m.metadata.name === 'connect-config').data[
          'connect-distributed.properties'
        ],
      )![1];
    expect(group(0)).not.toEqual(group(1));
    const script = (j: number) =>
      manifests(fv, j).find(m => m.metadata.name.startsWith('connectors-')).spec
        .template.spec.containers[0].command[2];
    expect(script(0)).toContain(
      '"camel.source.endpoint.clientId":"p1-bridge-0"',
    );
    expect(script(1)).toContain(
      '"camel.source.endpoint.clientId":"p2-bridge-0"',
    );
  });
});

describe('9. the data flow is real', () => {
  it('bridges, the PostgreSQL sink, Metabase and Lenses are configured from the parameters', async () => {
    const [fv] = await check([app('x', [platform('p', FULL)])]);
    const ms = manifests(fv);
    const ns = 'apps--p-realtime';
    const script = ms.find(m => m.metadata.name.startsWith('connectors-')).spec
      .template.spec.containers[0].command[2];
    const configs = [
      ...script.matchAll(
        /--data '(\{.*?\})' http:\/\/connect\.[^/]+\/connectors\/([\w-]+)\/config/g,
      ),
    ].map(m => ({ name: m[2], config: JSON.parse(m[1]) }));
    expect(configs.map(c => c.name)).toEqual([
      'mqtt-bridge-0',
      'postgresql-sink',
    ]);
    expect(configs[0].config).toMatchObject({
      'connector.class': 'org.apache.camel.kafkaconnector.CamelSourceConnector',
      'camel.source.endpoint.brokerUrl': `tcp://mqtt.${ns}.svc.cluster.local:1883`,
      'camel.source.endpoint.userName': 'bridge',
      'camel.source.endpoint.password': '${env:MQTT_BRIDGE_PASSWORD}',
      'camel.source.path.topic': 'd/+/t',
      topics: 'a',
    });
    expect(configs[1].config).toMatchObject({
      'connector.class': 'io.debezium.connector.jdbc.JdbcSinkConnector',
      topics: 'a',
      'connection.url': `jdbc:postgresql://postgresql.${ns}.svc.cluster.local:5432/analytics`,
      'connection.username': 'app',
    });
    const acl: string = ms.find(m => m.metadata.name === 'mqtt-config').data
      .acl;
    expect(acl).toContain('user bridge\ntopic read #');
    const mb = ms.find(m => m.metadata.name.startsWith('metabase-setup-')).spec
      .template.spec.containers[0].command[2];
    const body = JSON.parse(/post \/api\/database '(\{.*\})'/.exec(mb)![1]);
    expect(body).toEqual({
      engine: 'postgres',
      name: 'analytics',
      details: {
        host: `postgresql.${ns}.svc.cluster.local`,
        port: 5432,
        dbname: 'analytics',
        user: 'app',
        password: '__DB_PASSWORD__',
      },
    });
    const provisioning: string = ms.find(
      m => m.metadata.name === 'lenses-agent-config',
    ).data['provisioning.yaml'];
    expect(provisioning).toContain(
      `PLAINTEXT://kafka.${ns}.svc.cluster.local:9092`,
    );
    expect(provisioning).toContain(
      `http://schema-registry.${ns}.svc.cluster.local:8081/apis/ccompat/v7`,
    );
    expect(provisioning).toContain(
      `http://connect.${ns}.svc.cluster.local:8083`,
    );
    expect(provisioning).toContain(`value: lenses-hq.${ns}.svc.cluster.local`);
  });

  it('what is not configured is not built', async () => {
    const [fv] = await check([app('x', [platform('p')])]);
    const names = manifests(fv).map(m => m.metadata.name);
    expect(names.filter(n => /connect|lenses/.test(n))).toEqual([]);
    expect(Object.keys(secretData(fv, 'connection'))).not.toContain(
      'LENSES_HQ_URL',
    );
    expect(
      decodeSecretValue(resource(fv, 'connection').data.METABASE_URL),
    ).toBe('http://metabase.apps--p-realtime.svc.cluster.local:3000');
  });
});
