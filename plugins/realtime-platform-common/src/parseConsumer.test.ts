import { example, loadExampleEntities } from './__testUtils__/examples';
import {
  ANNOTATION_PLATFORM_REF,
  ANNOTATION_PRODUCES_TOPICS,
} from './annotations';
import { parseRealtimeConsumer } from './parseConsumer';
import { parseRealtimePart } from './parsePart';
import {
  isRealtimePlatformConsumer,
  isRealtimePlatformEntity,
} from './predicates';

describe('parseRealtimeConsumer', () => {
  it('parses both example consumers with no problems', () => {
    const entities = loadExampleEntities();
    const model = parseRealtimeConsumer(example(entities, 'alerting'));
    expect(model).toEqual({
      platformRef: 'component:factory/telemetry',
      secret: { name: 'telemetry-conn', namespace: 'factory' },
      produces: ['machines.alerts', 'machines-state'],
      consumes: ['machines.telemetry'],
      problems: [],
    });
    expect(parseRealtimeConsumer(example(entities, 'ingest')).problems).toEqual(
      [],
    );
  });

  it('defaults the platform ref kind and namespace', () => {
    const model = parseRealtimeConsumer({
      kind: 'Component',
      metadata: { name: 'c', annotations: { [ANNOTATION_PLATFORM_REF]: 'p1' } },
    });
    expect(model.platformRef).toBe('component:default/p1');
  });

  it('drops secret-looking topics and malformed refs, naming the annotation', () => {
    const model = parseRealtimeConsumer({
      kind: 'Component',
      metadata: {
        name: 'c',
        annotations: {
          [ANNOTATION_PLATFORM_REF]: 'component:default/a b',
          [ANNOTATION_PRODUCES_TOPICS]:
            'ok.topic, aGVsbG8gd29ybGQgc2VjcmV0MTIz',
        },
      },
    });
    expect(model.platformRef).toBeUndefined();
    expect(model.produces).toEqual(['ok.topic']);
    expect(model.problems.map(p => p.annotation)).toEqual([
      ANNOTATION_PLATFORM_REF,
      ANNOTATION_PRODUCES_TOPICS,
    ]);
    expect(JSON.stringify(model)).not.toContain('aGVsbG8');
  });
});

describe('parseRealtimePart', () => {
  it('parses every example part with type, host and port', () => {
    const parts = loadExampleEntities().filter(
      e => e.kind === 'Resource' && e.metadata.namespace === 'factory',
    );
    const models = parts.map(p => parseRealtimePart(p, 'resource:default/x'));
    expect(models.map(m => m.type).sort()).toEqual([
      'kafka',
      'lenses-hq',
      'metabase',
      'mqtt-broker',
      'postgresql',
      'schema-registry',
    ]);
    expect(models.every(m => m.problems.length === 0)).toBe(true);
    expect(models.find(m => m.type === 'kafka')).toMatchObject({
      ref: 'resource:factory/telemetry-kafka',
      host: 'kafka.factory--telemetry-realtime.svc.cluster.local',
      port: 9092,
    });
  });

  it('reports bad host, port and type', () => {
    const model = parseRealtimePart(
      {
        kind: 'Resource',
        metadata: {
          name: 'r',
          annotations: {
            'realtime-platform.io/host': 'https://x',
            'realtime-platform.io/port': '99999',
          },
        },
        spec: { type: 'redis' },
      },
      'resource:default/fallback',
    );
    expect(model).toMatchObject({
      ref: 'resource:default/r',
      host: undefined,
      port: undefined,
    });
    expect(model.problems.map(p => p.annotation)).toEqual([
      'spec.type',
      'realtime-platform.io/host',
      'realtime-platform.io/port',
    ]);
  });

  it('uses the fallback ref for an unreadable entity', () => {
    expect(parseRealtimePart(null, 'resource:default/x').ref).toBe(
      'resource:default/x',
    );
  });
});

describe('predicates', () => {
  it('tells platforms from consumers', () => {
    const entities = loadExampleEntities();
    const names = (pred: (e: unknown) => boolean) =>
      entities.filter(pred).map(e => e.metadata.name);
    expect(names(isRealtimePlatformEntity)).toEqual(['events', 'telemetry']);
    expect(names(isRealtimePlatformConsumer)).toEqual([
      'api',
      'ingest',
      'alerting',
    ]);
  });
});
