import { formatIssue } from './issues';
import { app, check } from './__fixtures__/testing';

const platform = (properties: any) => ({
  name: 'p',
  type: 'realtime-platform',
  properties,
});

describe('one clear message per error', () => {
  const cases: [string, any, string][] = [
    [
      'an enum value',
      platform({ resources: { size: 'huge' } }),
      'field "resources.size": "huge" is not one of: small, medium, large (fix: use one of: small, medium, large)',
    ],
    [
      'a type',
      platform({ kafka: { replicas: '3' } }),
      'field "kafka.replicas": expected an integer, got "3"',
    ],
    [
      'a list type',
      platform({ topics: 'a' }),
      'field "topics": expected an array, got "a"',
    ],
    [
      'a missing required field',
      platform({ topics: [{ partitions: 3 }] }),
      'field "topics[0].name": required parameter is missing (fix: set topics[0].name: Topic name',
    ],
    [
      'a bound',
      platform({ kafka: { replicas: 9 } }),
      'field "kafka.replicas": invalid value 9 (out of bound <=5) (fix: the value must be >= 1, be <= 5',
    ],
    [
      'a duration',
      platform({ topics: [{ name: 'a', retention: '7 days' }] }),
      'field "topics[0].retention": invalid value "7 days"',
    ],
    [
      'a cross-field rule',
      platform({ topics: [{ name: 'a', replicationFactor: 2 }] }),
      'field "topics[0].replicationFactor": 2 exceeds kafka.replicas (1) (fix: lower it or add Kafka nodes)',
    ],
    [
      'the old type name webservice',
      { name: 'w', type: 'webservice', properties: { image: 'x/y:1.0.0' } },
      'component "w": field "type": unknown component type "webservice" (fix: use one of: realtime-platform, realtime-webservice (the type webservice was renamed realtime-webservice;',
    ],
    [
      'a webservice without image',
      { name: 'w', type: 'realtime-webservice', properties: {} },
      'component "w": field "image": required parameter is missing',
    ],
  ];

  it.each(cases)('%s', async (_what, component, expected) => {
    const [fv] = await check([app('x', [component])]);
    const lines = fv.issues.map(formatIssue);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(expected);
  });

  it('errors in one application of a batch leave the others rendered', async () => {
    const results = await check([
      app('bad', [platform({ kafka: { replica: 1 } })]),
      app('good', [platform({})]),
      app('bad2', [platform({ resources: { size: 'xl' } })]),
    ]);
    expect(results.map(r => r.valid)).toEqual([false, true, false]);
    expect(results[1].result!.platforms[0].composed.length).toBeGreaterThan(10);
    expect(results[0].issues).toHaveLength(1);
    expect(results[2].issues).toHaveLength(1);
  });
});
