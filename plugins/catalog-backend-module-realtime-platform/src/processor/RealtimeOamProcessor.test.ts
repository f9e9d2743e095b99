import { stringifyEntityRef } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import {
  parseRealtimeConsumer,
  parseRealtimePart,
  parseRealtimePlatform,
} from '@internal/plugin-realtime-platform-common';
import fs from 'node:fs';
import {
  defaultOptions,
  example,
  find,
  fixture,
  readLocation,
  validateEntity,
} from '../__testUtils__/run';
import { RealtimeOamProcessor } from './RealtimeOamProcessor';

describe('RealtimeOamProcessor', () => {
  it('ignores other location types', async () => {
    const out = await readLocation(fixture('shop.yaml'), {}, { type: 'file' });
    expect(out).toEqual({
      handled: false,
      entities: [],
      relations: [],
      errors: [],
    });
  });

  it('emits a System, Components and part Resources in the card format', async () => {
    const { handled, entities, relations, errors } = await readLocation(
      fixture('shop.yaml'),
    );
    expect(handled).toBe(true);
    expect(errors).toEqual([]);
    expect(entities.map(stringifyEntityRef)).toEqual([
      'system:retail/shop',
      'component:retail/events',
      'resource:retail/events-kafka',
      'resource:retail/events-schema-registry',
      'resource:retail/events-mqtt',
      'resource:retail/events-lenses-hq',
      'resource:retail/events-metabase',
      'resource:retail/events-postgresql',
      'component:retail/api',
      'component:retail/docs-site',
    ]);

    const platform = find(entities, 'Component', 'events');
    expect(platform.metadata.annotations).toEqual({
      'backstage.io/techdocs-entity':
        'component:default/realtime-platform-docs',
      'realtime-platform.io/platform-name': 'events',
      'realtime-platform.io/namespace': 'retail--events-realtime',
      'realtime-platform.io/connection-secret': 'retail/events-conn',
      'realtime-platform.io/connection-secret-keys':
        'KAFKA_BOOTSTRAP_SERVERS, KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, KAFKA_USERNAME, KAFKA_PASSWORD, KAFKA_SASL_JAAS_CONFIG, SCHEMA_REGISTRY_URL, MQTT_HOST, MQTT_PORT, MQTT_WS_URL, MQTT_TLS, MQTT_USERNAME, MQTT_PASSWORD, LENSES_HQ_URL, METABASE_URL, POSTGRES_HOST, POSTGRES_PORT, POSTGRES_DB, POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_URL, TOPIC_ORDERS_CREATED, TOPIC_ORDERS_SHIPPED',
      'backstage.io/kubernetes-label-selector':
        'realtime.platform.example.org/instance=retail--events-realtime',
    });
    expect(platform.metadata.links).toEqual([
      {
        url: 'https://lenses.example.org/events',
        title: 'Lenses HQ',
        type: 'lenses-hq',
      },
    ]);
    expect(platform.spec).toEqual({
      type: 'realtime-platform',
      lifecycle: 'production',
      owner: 'group:default/retail-team',
      system: 'system:retail/shop',
      dependsOn: [
        'resource:retail/events-kafka',
        'resource:retail/events-schema-registry',
        'resource:retail/events-mqtt',
        'resource:retail/events-lenses-hq',
        'resource:retail/events-metabase',
        'resource:retail/events-postgresql',
      ],
    });

    const kafka = find(entities, 'Resource', 'events-kafka');
    expect(kafka.metadata.annotations).toEqual({
      'backstage.io/techdocs-entity':
        'component:default/realtime-platform-docs',
      'realtime-platform.io/host':
        'kafka.retail--events-realtime.svc.cluster.local',
      'realtime-platform.io/port': '9092',
    });
    expect(kafka.spec).toEqual({
      type: 'kafka',
      owner: 'group:default/retail-team',
      system: 'system:retail/shop',
    });

    const api = find(entities, 'Component', 'api');
    expect(api.metadata.annotations).toEqual({
      'backstage.io/techdocs-entity':
        'component:default/realtime-platform-docs',
      'realtime-platform.io/platform-ref': 'component:retail/events',
      'realtime-platform.io/connection-secret': 'retail/events-conn',
      'realtime-platform.io/produces-topics': 'orders.created',
      'realtime-platform.io/consumes-topics': 'orders-shipped',
      'backstage.io/kubernetes-label-selector':
        'app.kubernetes.io/name=api,app.kubernetes.io/part-of=shop',
      'backstage.io/kubernetes-namespace': 'retail',
    });
    expect(api.spec).toMatchObject({
      type: 'service',
      dependsOn: ['component:retail/events'],
    });
    const plain = find(entities, 'Component', 'docs-site');
    expect(plain.spec).toEqual({
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/retail-team',
      system: 'system:retail/shop',
    });

    expect(relations).toHaveLength(12);
    expect(relations).toContainEqual({
      source: { kind: 'component', namespace: 'retail', name: 'events' },
      type: 'hasPart',
      target: { kind: 'resource', namespace: 'retail', name: 'events-mqtt' },
    });
    expect(relations).toContainEqual({
      source: { kind: 'resource', namespace: 'retail', name: 'events-mqtt' },
      type: 'partOf',
      target: { kind: 'component', namespace: 'retail', name: 'events' },
    });
  });

  it('emits only entities the catalog-model validators accept', async () => {
    for (const target of [
      fixture('shop.yaml'),
      example('MINIMAL-REALTIME-OAM.yaml'),
      example('REALTIME-OAM-EXAMPLE.yaml'),
    ]) {
      const { entities, errors } = await readLocation(target);
      expect(errors).toEqual([]);
      expect(entities.length).toBeGreaterThan(5);
      for (const entity of entities) {
        await expect(validateEntity(entity)).resolves.toBeUndefined();
      }
    }
  });

  it('emits what the card parsers read without a single problem', async () => {
    const { entities } = await readLocation(fixture('shop.yaml'));
    const platform = parseRealtimePlatform(
      find(entities, 'Component', 'events'),
    );
    expect(platform.problems).toEqual([]);
    expect(platform).toMatchObject({
      platformName: 'events',
      namespace: 'retail--events-realtime',
      secret: { name: 'events-conn', namespace: 'retail' },
      lensesHq: { url: 'https://lenses.example.org/events' },
    });
    expect(platform.secret?.keys.map(k => k.key)).toContain(
      'TOPIC_ORDERS_SHIPPED',
    );
    expect(platform.partRefs).toHaveLength(6);
    const consumer = parseRealtimeConsumer(find(entities, 'Component', 'api'));
    expect(consumer).toEqual({
      platformRef: 'component:retail/events',
      secret: { name: 'events-conn', namespace: 'retail' },
      produces: ['orders.created'],
      consumes: ['orders-shipped'],
      problems: [],
    });
    for (const e of entities.filter(x => x.kind === 'Resource')) {
      const part = parseRealtimePart(e, 'resource:retail/x');
      expect(part.problems).toEqual([]);
      expect(part.type).toBe(e.spec?.type);
      expect(part.port).toBeGreaterThan(0);
    }
  });

  it('raises no card problem once the catalog adds its location annotations', async () => {
    const target = '../../platform/examples/REALTIME-OAM-EXAMPLE.yaml';
    const { entities } = await readLocation(
      example('REALTIME-OAM-EXAMPLE.yaml'),
    );
    for (const e of entities) {
      const stored = {
        ...e,
        metadata: {
          ...e.metadata,
          annotations: {
            ...e.metadata.annotations,
            'backstage.io/managed-by-location': `realtime-oam:${target}`,
            'backstage.io/managed-by-origin-location': `realtime-oam:${target}`,
          },
        },
      };
      let problems;
      if (e.kind === 'Resource') {
        problems = parseRealtimePart(stored, 'resource:factory/x').problems;
      } else if (e.spec?.type === 'realtime-platform') {
        problems = parseRealtimePlatform(stored).problems;
      } else problems = parseRealtimeConsumer(stored).problems;
      expect({ entity: e.metadata.name, problems }).toEqual({
        entity: e.metadata.name,
        problems: [],
      });
    }
  });

  it('links Lenses HQ only when the platform deploys it, and takes config defaults', async () => {
    const { entities } = await readLocation(
      example('MINIMAL-REALTIME-OAM.yaml'),
      {
        lensesBaseUrl: 'https://lenses.example.org/{namespace}',
        metabaseBaseUrl: 'https://metabase.example.org/{application}/{name}',
        owner: 'group:default/data',
        lifecycle: 'experimental',
      },
    );
    const platform = find(entities, 'Component', 'events');
    expect(platform.metadata.links).toEqual([
      {
        url: 'https://metabase.example.org/minimal/events',
        title: 'Metabase',
        type: 'metabase',
      },
    ]);
    expect(platform.spec).toMatchObject({
      owner: 'group:default/data',
      lifecycle: 'experimental',
    });
    expect(entities.some(e => e.metadata.name === 'events-lenses-hq')).toBe(
      false,
    );
  });

  it('ignores the Lenses HQ template for a platform without Lenses', async () => {
    const { entities, errors } = await readLocation(
      example('MINIMAL-REALTIME-OAM.yaml'),
      { lensesBaseUrl: 'ftp://lenses.example.org' },
    );
    expect(errors).toEqual([]);
    expect(
      find(entities, 'Component', 'events').metadata.links,
    ).toBeUndefined();
  });

  it('puts every entity in the configured namespace when one is set', async () => {
    const { entities } = await readLocation(fixture('shop.yaml'), {
      namespace: 'oam',
    });
    expect(new Set(entities.map(e => e.metadata.namespace))).toEqual(
      new Set(['oam']),
    );
    expect(find(entities, 'Component', 'api').spec?.dependsOn).toEqual([
      'component:oam/events',
    ]);
    // The secret still lives in the application's Kubernetes namespace.
    expect(
      find(entities, 'Component', 'api').metadata.annotations?.[
        'realtime-platform.io/connection-secret'
      ],
    ).toBe('retail/events-conn');
  });

  describe('bad input: one error naming file, component and field, nothing emitted', () => {
    it.each([
      ['not-yaml.yaml', /not-yaml\.yaml: not valid YAML/],
      [
        'not-oam.yaml',
        /not-oam\.yaml: not an OAM Application \(got apps\/v1 Deployment\)/,
      ],
      [
        'unknown-type.yaml',
        /unknown-type\.yaml: component "events": field "type": unknown component type "kafka-cluster"/,
      ],
      [
        'invalid-name.yaml',
        /invalid-name\.yaml: field "spec\.components\[0\]\.name": component name is missing or not a DNS-1123 label/,
      ],
      [
        'overflowing-name.yaml',
        /overflowing-name\.yaml: component "customer-order-events-stream": field "name": platform namespace "a-rather-long-application-namespace--customer-order-events-stream-realtime" is 74 characters; the Kubernetes limit for a namespace \(DNS-1123 label\) is 63/,
      ],
      [
        'double-dash-name.yaml',
        /double-dash-name\.yaml: component "order--events": field "name": component name "order--events" contains "--", which is reserved as the separator of the platform namespace <app-namespace>--<name>-realtime \(fix: use single dashes in the component name\)/,
      ],
      [
        'realtime-names-no-platform.yaml',
        /realtime-names-no-platform\.yaml: component "api": field "realtime": "events" is not a realtime-platform component of this application \(fix: use one of: stream\)/,
      ],
    ])('%s', async (name, message) => {
      const out = await readLocation(fixture(name));
      expect(out.handled).toBe(true);
      expect(out.entities).toEqual([]);
      expect(out.relations).toEqual([]);
      expect(out.errors).toHaveLength(1);
      expect(out.errors[0].name).toBe('InputError');
      expect(out.errors[0].message).toMatch(message);
    });

    it('reports a consumer topic its platform does not declare', async () => {
      const text = fs
        .readFileSync(fixture('shop.yaml'), 'utf8')
        .replace('produces: [orders.created]', 'produces: [payments]');
      const processor = new RealtimeOamProcessor({
        reader: mockServices.urlReader.mock({
          readUrl: async () => ({
            buffer: async () => Buffer.from(text),
            etag: 'x',
          }),
        }),
        options: defaultOptions,
      });
      const errors: string[] = [];
      await processor.readLocation(
        { type: 'realtime-oam', target: 'https://git.example.org/shop.yaml' },
        false,
        r => {
          if (r.type === 'error') errors.push(r.error.message);
        },
      );
      expect(errors).toEqual([
        expect.stringContaining(
          'https://git.example.org/shop.yaml: component "api": field "produces[0]": topic "payments" is not declared by platform "events"',
        ),
      ]);
    });

    it('refuses a link template that would carry credentials', async () => {
      const out = await readLocation(fixture('shop.yaml'), {
        metabaseBaseUrl: 'https://admin:hunter2@metabase.example.org',
      });
      expect(out.entities).toEqual([]);
      expect(out.errors.map(e => e.message)).toEqual([
        expect.stringContaining(
          'field "app-config realtimePlatform.catalog.defaults (metabase)": Metabase link refused: the URL embeds credentials',
        ),
      ]);
      expect(out.errors[0].message).not.toContain('hunter2');
    });
  });

  it('reports a missing file as not found, and stays silent when optional', async () => {
    const missing = fixture('does-not-exist.yaml');
    const out = await readLocation(missing);
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0].name).toBe('NotFoundError');
    expect(out.errors[0].message).toContain('does-not-exist.yaml');
    const optional = await readLocation(missing, {}, { optional: true });
    expect(optional.errors).toEqual([]);
    expect(optional.handled).toBe(true);
  });
});
