import { Entity } from '@backstage/catalog-model';
import { example, loadExampleEntities } from './__testUtils__/examples';
import {
  ANNOTATION_CONNECTION_SECRET,
  ANNOTATION_CONNECTION_SECRET_KEYS,
  ANNOTATION_LENSES_HQ_URL,
  ANNOTATION_METABASE_URL,
  ANNOTATION_PLATFORM_NAME,
} from './annotations';
import { parseRealtimePlatform } from './parsePlatform';

function platform(
  annotations: Record<string, unknown>,
  extra: Partial<Entity> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'p', annotations: annotations as any },
    spec: { type: 'realtime-platform' },
    ...extra,
  };
}

describe('parseRealtimePlatform', () => {
  it('parses the portal example with no problems', () => {
    const model = parseRealtimePlatform(
      example(loadExampleEntities(), 'telemetry'),
    );
    expect(model.problems).toEqual([]);
    expect(model.platformName).toBe('telemetry');
    expect(model.secret).toMatchObject({
      name: 'telemetry-conn',
      namespace: 'factory',
    });
    expect(model.secret?.keys).toHaveLength(24);
    expect(model.secret?.keys[0]).toEqual({
      key: 'KAFKA_BOOTSTRAP_SERVERS',
      envVar: 'KAFKA_BOOTSTRAP_SERVERS',
    });
    expect(model.partRefs).toHaveLength(6);
    expect(model.lensesHq).toEqual({
      url: 'https://lenses.factory--telemetry-realtime.example.com/',
      title: 'Lenses HQ',
      source: 'metadata.links',
    });
    expect(model.metabase?.source).toBe('metadata.links');
  });

  it('reads parts from hasPart and dependsOn relations and spec.dependsOn, deduplicated', () => {
    const model = parseRealtimePlatform(
      platform(
        { [ANNOTATION_PLATFORM_NAME]: 'p' },
        {
          spec: {
            type: 'realtime-platform',
            dependsOn: ['resource:default/a', 'component:default/x'],
          },
          relations: [
            { type: 'hasPart', targetRef: 'resource:default/b' },
            { type: 'dependsOn', targetRef: 'resource:default/a' },
            { type: 'dependencyOf', targetRef: 'component:default/c1' },
            {
              type: 'dependencyOf',
              targetRef: 'resource:default/not-a-consumer',
            },
            { type: 'ownedBy', targetRef: 'group:default/g' },
          ],
        },
      ),
    );
    expect(model.partRefs).toEqual([
      'resource:default/b',
      'resource:default/a',
    ]);
    expect(model.consumerRefs).toEqual(['component:default/c1']);
  });

  it('accepts a bare secret name with the namespace annotation', () => {
    const model = parseRealtimePlatform(
      platform({
        'realtime-platform.io/namespace': 'ns1',
        [ANNOTATION_CONNECTION_SECRET]: 'p-conn',
      }),
    );
    expect(model.secret).toEqual({
      name: 'p-conn',
      namespace: 'ns1',
      keys: [],
    });
  });

  it('falls back from a refused link to the annotation and reports the refusal', () => {
    const model = parseRealtimePlatform(
      platform(
        { [ANNOTATION_LENSES_HQ_URL]: 'https://lenses.example.com' },
        {
          metadata: {
            name: 'p',
            annotations: {
              [ANNOTATION_LENSES_HQ_URL]: 'https://lenses.example.com',
            },
            // eslint-disable-next-line no-script-url -- refusing it is the point
            links: [{ url: 'javascript:alert(1)', type: 'lenses-hq' }],
          },
        },
      ),
    );
    expect(model.lensesHq).toEqual({
      url: 'https://lenses.example.com/',
      title: undefined,
      source: 'annotation',
    });
    expect(model.problems).toEqual([
      expect.objectContaining({
        annotation: 'metadata.links (type lenses-hq)',
        message:
          'Lenses HQ link refused: only http and https URLs are allowed.',
      }),
    ]);
  });

  it.each([
    [ANNOTATION_METABASE_URL, 'data:text/html;base64,PHNjcmlwdD4='],
    [ANNOTATION_CONNECTION_SECRET, 'ns/password=hunter2'],
    [ANNOTATION_CONNECTION_SECRET, 'a/b/c'],
    [ANNOTATION_CONNECTION_SECRET_KEYS, 'GOOD_KEY, token=abc123'],
    [ANNOTATION_PLATFORM_NAME, 'Not_A_Name'],
    [ANNOTATION_PLATFORM_NAME, 42],
  ])('reports %s = %p by name, without repeating the value', (key, value) => {
    const model = parseRealtimePlatform(platform({ [key]: value }));
    const problem = model.problems.find(p => p.annotation === key);
    expect(problem).toBeDefined();
    expect(problem!.fix.length).toBeGreaterThan(10);
    expect(JSON.stringify(model)).not.toContain(String(value));
  });

  it('reports value-bearing and unknown annotations without modelling them', () => {
    const model = parseRealtimePlatform(
      platform({
        'example.com/db-password': 'hunter2',
        'realtime-platform.io/admin-token': 'abc',
        'realtime-platform.io/extra': 'x',
        'example.com/note': 'password=hunter2',
        'backstage.io/managed-by-location':
          'file:/work/main/platform/examples/REALTIME-OAM-EXAMPLE.yaml',
        'backstage.io/source-location':
          'url:https://github.com/o/r/tree/d41d8cd98f00b204e9800998ecf8427ed41d8cd9/',
      }),
    );
    expect(model.problems.map(p => [p.annotation, p.severity])).toEqual([
      ['example.com/db-password', 'error'],
      ['realtime-platform.io/admin-token', 'error'],
      ['realtime-platform.io/extra', 'warning'],
      ['example.com/note', 'warning'],
    ]);
    expect(JSON.stringify(model)).not.toContain('hunter2');
  });

  it.each([
    null,
    undefined,
    42,
    'x',
    [],
    { metadata: 'x' },
    { metadata: { annotations: [] }, relations: 'x' },
  ])('never throws on %p', entity => {
    const model = parseRealtimePlatform(entity);
    expect(model.partRefs).toEqual([]);
    expect(model.platformName).toBeUndefined();
  });
});
