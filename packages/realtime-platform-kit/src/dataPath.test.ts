/**
 * Regression tests for the data-path defects the local runtime found (src/runtime/*.local.ts runs
 * the same objects on real servers). Each assertion fails on the template before the fix.
 */
import path from 'node:path';
import { clusterObjects } from './cluster/manifests';
import { RenderResult } from './kit';
import { kit } from './__fixtures__/testing';
import { KubeObject } from './types';

jest.setTimeout(60_000);

type Container = {
  name: string;
  image: string;
  command?: string[];
  env?: { name: string; value?: string }[];
  volumeMounts?: { name: string; mountPath: string }[];
};
type PodTemplate = {
  spec: { initContainers?: Container[]; containers: Container[] };
};

let full: RenderResult;
const objects = () => clusterObjects(full).map(o => o.object);
const named = (kind: string, prefix: string): KubeObject => {
  const o = objects().find(
    x => x.kind === kind && x.metadata.name.startsWith(prefix),
  );
  if (!o) throw new Error(`no ${kind} ${prefix}*`);
  return o;
};
const template = (o: KubeObject) =>
  (o.spec as { template: PodTemplate }).template.spec;
const configData = (name: string) =>
  named('ConfigMap', name).data as Record<string, string>;
/** The connectors Job's PUT bodies, by connector name. */
function connectorConfigs(): Record<string, Record<string, string>> {
  const script = template(named('Job', 'connectors-')).containers[0]
    .command![2];
  const out: Record<string, Record<string, string>> = {};
  for (const m of script.matchAll(
    /--data '([^']+)' \S+\/connectors\/([^/]+)\/config/g,
  ))
    out[m[2]] = JSON.parse(m[1]);
  return out;
}

beforeAll(async () => {
  full = await kit.render(
    path.join(
      kit.paths.root,
      'platform',
      'examples',
      'REALTIME-OAM-EXAMPLE.yaml',
    ),
  );
});

describe('the composed data path', () => {
  it('gives the MQTT source the key it emits: the MQTT topic as a string', () => {
    const bridge = connectorConfigs()['mqtt-bridge-0'];
    expect(bridge).toMatchObject({
      'connector.class': 'org.apache.camel.kafkaconnector.CamelSourceConnector',
      'camel.source.camelMessageHeaderKey': 'CamelMqttTopic',
      'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
      'value.converter':
        'org.apache.kafka.connect.converters.ByteArrayConverter',
    });
  });

  it('makes every sunk record a Struct before the JDBC sink (which refuses strings and schemaless values)', () => {
    const sink = connectorConfigs()['postgresql-sink'];
    expect(sink['connector.class']).toBe(
      'io.debezium.connector.jdbc.JdbcSinkConnector',
    );
    const chain = sink.transforms
      .split(',')
      .map(t => sink[`transforms.${t}.type`]);
    // HoistField first: InsertField on a bare string fails.
    expect(chain.slice(0, 2)).toEqual([
      'org.apache.kafka.connect.transforms.HoistField$Value',
      'org.apache.kafka.connect.transforms.InsertField$Value',
    ]);
    // Upsert keys rows by a Struct key: a plain string key fails the sink's record_key mode.
    expect(sink).toMatchObject({
      'insert.mode': 'upsert',
      'primary.key.mode': 'record_key',
      'primary.key.fields': 'record_key',
      'transforms.key.type':
        'org.apache.kafka.connect.transforms.HoistField$Key',
    });
  });

  it('fetches every connector plugin from one Maven repository, each file checked against its sha256', () => {
    const data = configData('connect-config');
    const lines = [
      ...data['mqtt-plugin.sha256'].split('\n'),
      ...data['jdbc-plugin.sha256'].split('\n'),
    ].filter(Boolean);
    expect(lines.length).toBeGreaterThan(40);
    for (const l of lines)
      expect(l).toMatch(/^[0-9a-f]{64} {2}[a-z0-9][\w./-]+\.(jar|tar\.gz)$/);
    const init = template(named('Deployment', 'connect')).initContainers![0];
    expect(init.command![2]).toContain('sha256sum -c');
    expect(init.env).toContainEqual({
      name: 'MAVEN_REPOSITORY',
      value: 'https://repo.maven.apache.org/maven2',
    });
  });

  it('runs Kafka and Kafka Connect from composed config files that their containers mount', () => {
    for (const [workload, config, dir, file] of [
      ['kafka', 'kafka-config', '/etc/kafka/composed', 'server.properties'],
      [
        'connect',
        'connect-config',
        '/etc/connect/composed',
        'connect-distributed.properties',
      ],
    ]) {
      const kind = workload === 'kafka' ? 'StatefulSet' : 'Deployment';
      const spec = template(named(kind, workload));
      const c = spec.containers[0];
      const volume = (
        spec as { volumes?: { name: string; configMap?: { name: string } }[] }
      ).volumes!.find(v => v.configMap?.name === config)!;
      expect(c.volumeMounts).toContainEqual(
        expect.objectContaining({ name: volume.name, mountPath: dir }),
      );
      expect(c.command!.join(' ')).toContain(`${dir}/${file}`);
      // Nothing relies on an image turning KAFKA_* / CONNECT_* variables into properties: each
      // is read by the start script or the composed properties (${env:...}) by name, but
      // KAFKA_HEAP_OPTS, KAFKA_LOG4J_OPTS and KAFKA_OPTS, which Kafka's own
      // bin/kafka-run-class.sh reads.
      const readers = `${c.command!.join(' ')} ${JSON.stringify(
        configData(config),
      )}`;
      expect(
        (c.env ?? [])
          .map(e => e.name)
          .filter(
            n =>
              /^(KAFKA|CONNECT)_/.test(n) &&
              !['KAFKA_HEAP_OPTS', 'KAFKA_LOG4J_OPTS', 'KAFKA_OPTS'].includes(
                n,
              ),
          )
          .filter(
            n =>
              !readers.includes(`$${n}`) && !readers.includes(`\${env:${n}}`),
          ),
      ).toEqual([]);
    }
    expect(configData('kafka-config')['server.properties']).toMatch(
      /^controller\.quorum\.voters=0@kafka-0\.kafka-headless\./m,
    );
    expect(
      configData('connect-config')['connect-distributed.properties'],
    ).toMatch(/^key\.converter=/m);
  });

  it('registers the analytics database through POST /api/database, which Metabase setup does not do', () => {
    const script = template(named('Job', 'metabase-setup-')).containers[0]
      .command![2];
    const setupBody = /post \/api\/setup '([^']+)'/.exec(script)![1];
    expect(JSON.parse(setupBody)).not.toHaveProperty('database');
    expect(script).toMatch(
      /post \/api\/database '\{"details":\{"dbname":"factory"/,
    );
  });
});
