/**
 * Guarantee 12, secure by default, on every rendered object of both examples and of generated
 * applications: no secret value outside a Secret, Pod Security `restricted` asked for, and
 * NetworkPolicies that let the application's namespace reach exactly the client ports. The
 * simulated cluster (controlPlane.cluster.ts) holds the same guarantees against a real API server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { SERVICES } from '@internal/realtime-platform-contract';
import { clusterObjects } from './cluster/manifests';
import { secretValues } from './cluster/secretValues';
import { GENERATED_SHAPES } from './cluster/shapes';
import { POD_SECURITY_ENFORCE } from './cluster/testCluster';
import { RenderResult } from './kit';
import { ingressAccess } from './networkAccess';
import { parseProperties as properties } from './properties';
import { kit, Loose } from './__fixtures__/testing';

jest.setTimeout(120_000);

const APPS: [string, unknown][] = [
  ...['MINIMAL-REALTIME-OAM.yaml', 'REALTIME-OAM-EXAMPLE.yaml'].map(
    (f): [string, unknown] => [
      f,
      parse(
        fs.readFileSync(
          path.join(kit.paths.root, 'platform', 'examples', f),
          'utf8',
        ),
      ),
    ],
  ),
  ...GENERATED_SHAPES,
];

let results: [string, RenderResult][];
beforeAll(async () => {
  const validations = await kit.validateTexts(
    APPS.map(([label, a]) => ({ file: `${label}.yaml`, text: stringify(a) })),
  );
  results = validations.map((v, i) => {
    if (!v.valid) throw new Error(v.issues.map(x => x.message).join('; '));
    return [APPS[i][0], v.result!];
  });
});

/** Every object a result renders: component outputs, composed resources, Objects' manifests. */
const everyObject = (r: RenderResult): Loose[] => [
  ...r.objects,
  ...r.platforms.flatMap(p => p.composed.map(c => c.resource)),
];

/** What the full generated shape ("every …") puts on the cluster. */
const fullShapeObjects = () =>
  clusterObjects(results.find(([l]) => l.startsWith('every'))![1]).map(
    o => o.object as Loose,
  );

/** `Kind name` of each object but a Secret that holds one of `values`. */
const holders = (objects: Loose[], values: string[]) =>
  objects
    .filter(o => o.kind !== 'Secret')
    .filter(o => values.some(v => JSON.stringify(o).includes(v)))
    .map(o => `${o.kind} ${o.metadata.name}`);

describe('no secret value outside a Secret', () => {
  it('no provider-kubernetes Object copies a Secret field (the provider stores a patched value in the Object)', () => {
    // provider-kubernetes writes a references[].patchesFrom value into the Object's
    // spec.forProvider.manifest and status.atProvider.manifest (crossplane-contrib/provider-kubernetes#223).
    const copies = results.flatMap(([label, r]) =>
      r.platforms.flatMap(p =>
        p.composed
          .filter(c =>
            (c.resource?.spec?.references ?? []).some(
              (ref: Loose) => ref.patchesFrom?.kind === 'Secret',
            ),
          )
          .map(c => `${label}: ${c.name}`),
      ),
    );
    expect(copies).toEqual([]);
  });

  it('no rendered object but a Secret holds a generated credential, decoded or base64', () => {
    const leaks = results.flatMap(([label, r]) => {
      const values = secretValues(r);
      expect(values.length).toBeGreaterThan(5);
      return holders(everyObject(r), values).map(h => `${label}: ${h}`);
    });
    expect(leaks).toEqual([]);
  });

  it('negative control: a decoded credential written into a composed ConfigMap is found', () => {
    const [, r] = results[0];
    const values = secretValues(r);
    const objects = structuredClone(everyObject(r));
    const configMap = objects.find(
      o => o.spec?.forProvider?.manifest?.kind === 'ConfigMap',
    );
    configMap.spec.forProvider.manifest.data.leak = `password=${values[1]}`;
    expect(holders(objects, values)).toEqual([
      `Object ${configMap.metadata.name}`,
    ]);
  });

  it('every env entry whose name says credential reads it from a Secret, never a literal', () => {
    const credential = /PASSWORD|SECRET|TOKEN|_KEY$|^KEY$/;
    const literals = results.flatMap(([label, r]) =>
      clusterObjects(r).flatMap(({ object }) => {
        const spec = (object.spec as Loose)?.template?.spec;
        return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]
          .flatMap((c: Loose) => c.env ?? [])
          .filter((e: Loose) => credential.test(e.name) && 'value' in e)
          .map((e: Loose) => `${label}: ${object.metadata.name} ${e.name}`);
      }),
    );
    expect(literals).toEqual([]);
  });
});

describe('Kafka Connect logs no MQTT password', () => {
  // At INFO the Camel connector logs its route URI, the MQTT password in clear
  // (password=RAW(...)); localRuntime.local.ts scans the real worker's log for it.
  const camelStart =
    'org.apache.camel.kafkaconnector.utils.CamelKafkaConnectMain';
  const named = (objects: Loose[], kind: string, name: string) =>
    objects.find(o => o.kind === kind && o.metadata.name === name);
  const worker = (objects: Loose[]) =>
    named(objects, 'Deployment', 'connect').spec.template.spec;
  /** Why the worker would log the route URI; empty when its composed log config keeps it quiet. */
  const loud = (objects: Loose[]): string[] => {
    const file = 'connect-log4j2.properties';
    const log4j = properties(
      named(objects, 'ConfigMap', 'connect-config').data[file] ?? '',
    );
    // The file as the worker sees it: where the pod mounts the ConfigMap.
    const spec = worker(objects);
    const container = spec.containers[0];
    const volume = spec.volumes.find(
      (v: Loose) => v.configMap?.name === 'connect-config',
    ).name;
    const mount = container.volumeMounts.find(
      (m: Loose) => m.name === volume,
    ).mountPath;
    const opts = (container.env ?? []).find(
      (e: Loose) => e.name === 'KAFKA_LOG4J_OPTS',
    )?.value;
    const id = Object.keys(log4j).find(k => log4j[k] === camelStart);
    const level = id && log4j[id.replace(/\.name$/, '.level')];
    return [
      ...(opts === `-Dlog4j2.configurationFile=${mount}/${file}`
        ? []
        : [`KAFKA_LOG4J_OPTS does not name the composed ${file}`]),
      ...(['WARN', 'ERROR', 'OFF'].includes(level ?? '')
        ? []
        : [`${camelStart} logs at ${level ?? 'the root level, INFO'}`]),
    ];
  };

  it("the worker's composed log config keeps the Camel route URI out of its log", () => {
    expect(loud(fullShapeObjects())).toEqual([]);
  });

  it('negative control: the logger at INFO and a worker on the default config are found', () => {
    const objects = structuredClone(fullShapeObjects());
    const cm = named(objects, 'ConfigMap', 'connect-config');
    cm.data['connect-log4j2.properties'] = cm.data[
      'connect-log4j2.properties'
    ].replace('logger.camelRoute.level=WARN', 'logger.camelRoute.level=INFO');
    const connect = worker(objects).containers[0];
    connect.env = connect.env.filter(
      (e: Loose) => e.name !== 'KAFKA_LOG4J_OPTS',
    );
    expect(loud(objects)).toEqual([
      'KAFKA_LOG4J_OPTS does not name the composed connect-log4j2.properties',
      `${camelStart} logs at INFO`,
    ]);
  });
});

describe('Pod Security restricted', () => {
  it('the platform namespace enforces restricted, and every pod of the platform and of its webservices asks for it', () => {
    const violations = results.flatMap(([label, r]) => {
      const objects = clusterObjects(r).map(o => o.object as Loose);
      const ns = objects.find(o => o.kind === 'Namespace');
      const out: string[] = [];
      if (ns.metadata.labels[POD_SECURITY_ENFORCE] !== 'restricted')
        out.push(
          `${label}: namespace ${ns.metadata.name} does not enforce restricted`,
        );
      const pods = objects.filter(x => x.spec?.template?.spec);
      expect(pods.map(o => o.metadata.namespace)).toContain(
        r.application.namespace,
      );
      for (const o of pods) {
        const spec = o.spec.template.spec;
        const where = `${label}: ${o.kind} ${o.metadata.name}`;
        if (spec.securityContext?.runAsNonRoot !== true)
          out.push(`${where}: runAsNonRoot`);
        if (spec.securityContext?.seccompProfile?.type !== 'RuntimeDefault')
          out.push(`${where}: seccompProfile`);
        for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
          const sc = c.securityContext ?? {};
          if (sc.allowPrivilegeEscalation !== false)
            out.push(`${where} ${c.name}: allowPrivilegeEscalation`);
          if (!(sc.capabilities?.drop ?? []).includes('ALL'))
            out.push(`${where} ${c.name}: capabilities.drop ALL`);
          if (!((sc.runAsUser ?? spec.securityContext?.runAsUser) > 0))
            out.push(`${where} ${c.name}: runAsUser`);
        }
      }
      return out;
    });
    expect(violations).toEqual([]);
  });
});

/** The port named `metrics` of the composed lenses-hq Service. */
const lensesMetricsPort = (objects: Loose[]): number =>
  objects
    .find(
      o => o.kind === 'Service' && o.metadata.name === SERVICES.lensesHq.name,
    )!
    .spec.ports.find((p: Loose) => p.name === 'metrics').port;

describe('NetworkPolicies', () => {
  /** The client ports; the full shape sets mqtt.tls, so Mosquitto's plain 1883 is not one. */
  const APP_NAMESPACE_PORTS = Object.entries(SERVICES)
    .filter(([id]) => id !== 'mqtt')
    .map(([, s]) => `${s.name}:${s.port}`);

  it("the application's namespace reaches exactly the client ports; every other port only the platform's pods", () => {
    const full = results.find(([label]) => label.startsWith('every'))!;
    const [, r] = full;
    const objects = clusterObjects(r).map(o => o.object);
    const ns = objects.find(o => o.kind === 'Namespace')!.metadata.name;
    const access = ingressAccess(
      objects.filter(o => o.metadata.namespace === ns),
    );
    const fromApp = `namespace ${r.application.namespace}`;
    expect(
      access
        .filter(a => a.from.includes(fromApp))
        .map(a => `${a.pods}:${a.port}`)
        .sort(),
    ).toEqual([...new Set(APP_NAMESPACE_PORTS)].sort());
    const { metricsNamespace } = (r.platforms[0].xr.spec as Loose).lenses;
    const scraper = `namespace ${metricsNamespace}`;
    for (const a of access) {
      expect(a.from).not.toContain('anyone');
      expect(a.from).toContain('the platform namespace');
      expect(a.from.filter(f => f !== fromApp && f !== scraper)).toEqual([
        'the platform namespace',
      ]);
    }
    expect(
      access
        .filter(a => a.from.includes(scraper))
        .map(a => `${a.pods}:${a.port}`),
    ).toEqual([`${SERVICES.lensesHq.name}:${lensesMetricsPort(objects)}`]);
    expect(access.map(a => `${a.pods}:${a.port}`)).toEqual(
      expect.arrayContaining(['kafka:9093', 'connect:8083', 'lenses-hq:10000']),
    );
  });

  it('Lenses HQ metrics are reached from the namespace lenses.metricsNamespace names, and without it from the platform namespace only', async () => {
    const metricsFrom = (r: RenderResult) => {
      const objects = clusterObjects(r).map(o => o.object);
      const ns = objects.find(o => o.kind === 'Namespace')!.metadata.name;
      const port = lensesMetricsPort(objects);
      return ingressAccess(objects.filter(o => o.metadata.namespace === ns))
        .filter(a => a.pods === SERVICES.lensesHq.name && a.port === port)
        .map(a => [...a.from].sort());
    };
    const [label, example] = APPS[1];
    const [, r] = results.find(([l]) => l === label)!;
    const { metricsNamespace } = (r.platforms[0].xr.spec as Loose).lenses;
    expect(metricsNamespace).toBeTruthy();
    expect(metricsFrom(r)).toEqual([
      [`namespace ${metricsNamespace}`, 'the platform namespace'],
    ]);
    const app = structuredClone(example) as Loose;
    delete app.spec.components.find((c: Loose) => c.properties.lenses)
      .properties.lenses.metricsNamespace;
    const [without] = await kit.validateTexts([
      { file: 'no-metrics-namespace.yaml', text: stringify(app) },
    ]);
    expect(metricsFrom(without.result!)).toEqual([['the platform namespace']]);
  });

  it('negative control: without the default deny, a pod no other policy selects accepts anyone', () => {
    const [, r] = results.find(([label]) => label.startsWith('every'))!;
    const objects = clusterObjects(r).map(o => o.object);
    const ns = objects.find(o => o.kind === 'Namespace')!.metadata.name;
    const kept = objects.filter(
      o =>
        o.metadata.namespace === ns &&
        !(
          o.kind === 'NetworkPolicy' &&
          ['default-deny', 'platform-internal'].includes(o.metadata.name)
        ),
    );
    const connect = ingressAccess(kept).find(a => a.pods === 'connect')!;
    expect(connect.from).toEqual(['anyone']);
  });
});

/** The broker's listeners that do not authenticate (protocol without SASL or SSL). */
const openListeners = (serverProperties: string): string[] =>
  properties(serverProperties)
    ['listener.security.protocol.map'].split(',')
    .filter(m => !/:SASL_(PLAINTEXT|SSL)$/.test(m));

describe('MQTT over TLS (mqtt.tls)', () => {
  /** The Mosquitto ports the application's namespace reaches, and the conf's TLS listeners. */
  const mqttOf = (r: RenderResult) => {
    const objects = clusterObjects(r).map(o => o.object as Loose);
    const ns = objects.find(o => o.kind === 'Namespace')!.metadata.name;
    const conf: string = objects.find(
      o => o.kind === 'ConfigMap' && o.metadata.name === 'mqtt-config',
    )!.data['mosquitto.conf'];
    const tlsListeners = conf
      .split(/^listener /m)
      .slice(1)
      .filter(l => /^certfile \S+$/m.test(l) && /^keyfile \S+$/m.test(l))
      .map(l => Number(l.split(/\s/)[0]));
    const fromApp = ingressAccess(
      objects.filter(o => o.metadata.namespace === ns),
    )
      .filter(
        a =>
          a.pods === SERVICES.mqtt.name &&
          a.from.includes(`namespace ${r.application.namespace}`),
      )
      .map(a => a.port)
      .sort();
    return { fromApp, tlsListeners };
  };
  const shape = (label: string) =>
    results.find(([l]) => l.startsWith(label))![1];

  it("with mqtt.tls the application's namespace reaches Mosquitto only on its TLS listeners (8883, wss 9001); without, on 1883 and ws 9001", () => {
    expect(mqttOf(shape('every'))).toEqual({
      fromApp: [SERVICES.mqttTls.port, SERVICES.mqttWebSocket.port],
      tlsListeners: [SERVICES.mqttTls.port, SERVICES.mqttWebSocket.port],
    });
    expect(mqttOf(shape('lists of 1'))).toEqual({
      fromApp: [SERVICES.mqtt.port, SERVICES.mqttWebSocket.port],
      tlsListeners: [],
    });
  });

  it("the broker's certificate reaches it only through a Secret: secret-sync copies tls.crt and tls.key of the named Secret into mqtt-tls, which Mosquitto mounts", () => {
    const r = shape('every');
    const objects = clusterObjects(r).map(o => o.object as Loose);
    const copies: string = objects.find(
      o => o.kind === 'ConfigMap' && o.metadata.name === 'secret-sync',
    )!.data.copies;
    const { secretName } = (r.platforms[0].xr.spec as Loose).mqtt.tls;
    expect(copies.split('\n').filter(l => l.includes(' mqtt-tls '))).toEqual(
      ['tls.crt', 'tls.key'].map(
        k => `${r.application.namespace} ${secretName} ${k} mqtt-tls ${k}`,
      ),
    );
    const pod = objects.find(
      o => o.kind === 'Deployment' && o.metadata.name === 'mqtt',
    )!.spec.template.spec;
    expect(pod.volumes).toContainEqual(
      expect.objectContaining({
        name: 'tls',
        secret: expect.objectContaining({ secretName: 'mqtt-tls' }),
      }),
    );
  });

  it('negative control: a TLS listener without its keyfile is not counted as TLS', () => {
    const r: RenderResult = JSON.parse(JSON.stringify(shape('every')));
    const cm = clusterObjects(r)
      .map(o => o.object as Loose)
      .find(o => o.kind === 'ConfigMap' && o.metadata.name === 'mqtt-config')!;
    cm.data['mosquitto.conf'] = cm.data['mosquitto.conf'].replace(
      /^keyfile .*\n/m,
      '',
    );
    expect(mqttOf(r).tlsListeners).toEqual([SERVICES.mqttWebSocket.port]);
  });
});

describe("Kafka Connect's REST API authenticates", () => {
  /** What keeps Connect's REST API from answering anyone without the login; empty when all holds. */
  const gaps = (objects: Loose[]): string[] => {
    const found: string[] = [];
    const need = (what: string, ok: boolean) => ok || found.push(what);
    const byName = (kind: string, name: string) =>
      objects.find(o => o.kind === kind && o.metadata.name.startsWith(name));
    const fromSecret = (container: Loose) =>
      (container.env ?? []).some(
        (e: Loose) =>
          e.name === 'CONNECT_REST_PASSWORD' &&
          e.valueFrom?.secretKeyRef?.key === 'CONNECT_REST_PASSWORD',
      );
    const worker = properties(
      byName('ConfigMap', 'connect-config').data[
        'connect-distributed.properties'
      ],
    );
    need(
      'the worker loads BasicAuthSecurityRestExtension',
      /\.BasicAuthSecurityRestExtension$/.test(
        worker['rest.extension.classes'] ?? '',
      ),
    );
    const connect = byName('Deployment', 'connect').spec.template.spec
      .containers[0];
    need(
      'the worker reads a JAAS file (KAFKA_OPTS) and the password from the Secret',
      (connect.env ?? []).some(
        (e: Loose) =>
          e.name === 'KAFKA_OPTS' &&
          e.value.includes('-Djava.security.auth.login.config='),
      ) && fromSecret(connect),
    );
    need(
      'the readiness probe logs in (an httpGet probe would get 401)',
      JSON.stringify(connect.readinessProbe?.exec ?? {}).includes(
        'Authorization: Basic',
      ),
    );
    const job = byName('Job', 'connectors-').spec.template.spec.containers[0];
    const script: string = job.command[2];
    need(
      'every request of the connectors Job logs in',
      fromSecret(job) &&
        script
          .split('\n')
          .filter(l => l.includes('curl'))
          .every(l => l.includes('curl -K -')),
    );
    const agent = byName('ConfigMap', 'lenses-agent-config');
    if (agent)
      need(
        'the Lenses Agent logs in to Connect',
        /password:\n\s+value: \$\{CONNECT_REST_PASSWORD\}/.test(
          agent.data['provisioning.yaml'],
        ) &&
          fromSecret(
            byName('Deployment', 'lenses-agent').spec.template.spec
              .containers[0],
          ),
      );
    return found;
  };

  it('the worker takes HTTP Basic logins only, from a password file written at start; its probe, the connectors Job and the Lenses Agent log in', () => {
    expect(gaps(fullShapeObjects())).toEqual([]);
  });

  it('negative control: a worker without the extension and an anonymous probe are found', () => {
    const objects = JSON.parse(JSON.stringify(fullShapeObjects()));
    const cm = objects.find((o: Loose) => o.metadata.name === 'connect-config');
    cm.data['connect-distributed.properties'] = cm.data[
      'connect-distributed.properties'
    ].replace(/^rest\.extension\.classes=.*$/m, '');
    objects.find(
      (o: Loose) => o.kind === 'Deployment' && o.metadata.name === 'connect',
    ).spec.template.spec.containers[0].readinessProbe = {
      httpGet: { path: '/connectors', port: 8083 },
    };
    expect(gaps(objects)).toEqual([
      'the worker loads BasicAuthSecurityRestExtension',
      'the readiness probe logs in (an httpGet probe would get 401)',
    ]);
  });
});

describe('Kafka clients authenticate', () => {
  const platformObjects = (r: RenderResult) =>
    r.platforms.map(p => ({
      spec: p.xr.spec as unknown as {
        topics: { name: string }[];
        kafka: { autoCreateTopics: boolean };
      },
      objects: clusterObjects(r)
        .filter(o => o.component === p.component)
        .map(o => o.object as Loose),
    }));
  const named = (objects: Loose[], name: string) =>
    objects.find(
      o => o.metadata.name === name || o.metadata.name.startsWith(`${name}-`),
    );

  it('every broker listener authenticates, an authorizer is on, and admin is the only super user', () => {
    for (const [label, r] of results)
      for (const { objects } of platformObjects(r)) {
        const server = named(objects, 'kafka-config')!.data[
          'server.properties'
        ];
        expect({ label, open: openListeners(server) }).toEqual({
          label,
          open: [],
        });
        expect(properties(server)).toMatchObject({
          'authorizer.class.name':
            'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
          'super.users': 'User:admin',
        });
        expect(
          properties(server)['allow.everyone.if.no.acl.found'],
        ).toBeUndefined();
      }
  });

  it('negative control: a PLAINTEXT listener is found', () => {
    expect(
      openListeners(
        'listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,CLIENT:PLAINTEXT',
      ),
    ).toEqual(['CLIENT:PLAINTEXT']);
  });

  it("every Kafka client of the platform logs in: Connect's worker and its clients, the registry, the Lenses Agent, every tool of the topics Job", () => {
    const adminLogin = 'password="${env:KAFKA_ADMIN_PASSWORD}"';
    // Each client that does not log in, as `<example>: <client>`.
    const withoutLogin: string[] = [];
    let connectWorkers = 0;
    let agents = 0;
    for (const [label, r] of results)
      for (const { objects } of platformObjects(r)) {
        const connect = named(objects, 'connect-config');
        const p = properties(
          connect?.data['connect-distributed.properties'] ?? '',
        );
        connectWorkers += connect ? 1 : 0;
        for (const prefix of connect
          ? ['', 'producer.', 'consumer.', 'admin.']
          : [])
          if (
            p[`${prefix}security.protocol`] !== 'SASL_PLAINTEXT' ||
            !p[`${prefix}sasl.jaas.config`]?.includes(adminLogin)
          )
            withoutLogin.push(`${label}: Connect ${prefix || 'worker'}`);
        if (connect && p['connector.client.config.override.policy'] !== 'None')
          withoutLogin.push(
            `${label}: Connect lets connectors override their clients`,
          );
        const registry = objects.find(
          o => o.kind === 'Deployment' && o.metadata.name === 'schema-registry',
        )!;
        const env = registry.spec.template.spec.containers[0].env as {
          name: string;
          value?: string;
        }[];
        if (
          env.find(e => e.name === 'APICURIO_KAFKA_COMMON_SECURITY_PROTOCOL')
            ?.value !== 'SASL_PLAINTEXT'
        )
          withoutLogin.push(`${label}: schema registry`);
        const agent = named(objects, 'lenses-agent-config');
        agents += agent ? 1 : 0;
        if (
          agent &&
          !/protocol:\n\s+value: SASL_PLAINTEXT\n\s+saslMechanism:\n\s+value: SCRAM-SHA-512/.test(
            agent.data['provisioning.yaml'],
          )
        )
          withoutLogin.push(`${label}: Lenses Agent`);
        const job = named(objects, 'topics')!.spec.template.spec.containers[0]
          .command[2] as string;
        const tools = job
          .split('\n')
          .filter(l => l.includes('/opt/kafka/bin/'));
        if (tools.length < 2)
          withoutLogin.push(`${label}: topics Job runs no tool`);
        for (const t of tools)
          if (!t.includes('--command-config /tmp/admin.properties'))
            withoutLogin.push(`${label}: topics Job ${t.slice(0, 60)}`);
      }
    expect(withoutLogin).toEqual([]);
    // The examples compose Connect and the Lenses Agent: the checks above did run.
    expect(connectWorkers).toBeGreaterThan(0);
    expect(agents).toBeGreaterThan(0);
  });

  it('app may use exactly the declared topics (every topic only with autoCreateTopics) and any consumer group; the topics Job removes its ACLs of any other topic', () => {
    for (const [label, r] of results)
      for (const { spec, objects } of platformObjects(r)) {
        const job = named(objects, 'topics')!.spec.template.spec.containers[0]
          .command[2] as string;
        const grants = [
          ...job.matchAll(/--add --allow-principal User:app (.*)$/gm),
        ].map(m => m[1].replace(/--operation /g, '').replace(/'/g, ''));
        // What the Job keeps when it removes app's ACLs of every other topic.
        const kept = /case ' ([^']*) ' in/
          .exec(job)?.[1]
          .split(' ')
          .filter(Boolean);
        const topicGrants = spec.kafka.autoCreateTopics
          ? ['Read Write Describe Create --topic *']
          : spec.topics.map(t => `Read Write Describe --topic ${t.name}`);
        expect({ label, grants, kept }).toEqual({
          label,
          grants: [...topicGrants, 'Read Describe --group *'],
          kept: spec.kafka.autoCreateTopics
            ? ['*']
            : spec.topics.map(t => t.name),
        });
      }
  });
});
