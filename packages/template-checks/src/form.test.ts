import { backendErrors, formErrors } from './__testUtils__/form';
import { loadTemplate } from './rules';
import { fullAnswers, minimalAnswers } from './__fixtures__/answers';

const template = loadTemplate();

/** Both validators the scaffolder uses must agree: the form (ajv) and the backend (jsonschema). */
function refused(values: any): { form: string[]; backend: string[] } {
  return {
    form: formErrors(template, values),
    backend: backendErrors(template, values),
  };
}

const withService = (patch: Record<string, unknown>) => ({
  ...minimalAnswers,
  webservices: [{ ...minimalAnswers.webservices[0], ...patch }],
});

describe('the form accepts', () => {
  it.each([
    ['minimal answers', minimalAnswers],
    ['full answers', fullAnswers],
    ['a 46-character name', { ...minimalAnswers, name: 'a'.repeat(46) }],
    [
      'a 63-character service name',
      withService({ name: `a${'b'.repeat(62)}` }),
    ],
    ['a 249-character topic', { ...minimalAnswers, topics: ['t'.repeat(249)] }],
    [
      'a digest image',
      withService({ image: `ghcr.io/x/y@sha256:${'a'.repeat(64)}` }),
    ],
  ])('%s', (_, values) => {
    expect(refused(values)).toEqual({ form: [], backend: [] });
  });
});

describe('the form refuses, one rule each', () => {
  it.each<[string, any, RegExp]>([
    ['a missing name', { ...minimalAnswers, name: undefined }, /name/],
    ['an upper-case name', { ...minimalAnswers, name: 'Orders' }, /pattern/],
    ['a name with "_"', { ...minimalAnswers, name: 'my_orders' }, /pattern/],
    ['a name ending in "-"', { ...minimalAnswers, name: 'orders-' }, /pattern/],
    [
      'an overlong name (47)',
      { ...minimalAnswers, name: 'a'.repeat(47) },
      /46/,
    ],
    ['a missing owner', { ...minimalAnswers, owner: undefined }, /owner/],
    [
      'a topic with a space',
      { ...minimalAnswers, topics: ['my topic'] },
      /pattern/,
    ],
    ['the topic "."', { ...minimalAnswers, topics: ['.'] }, /not|must NOT/i],
    ['the topic ".."', { ...minimalAnswers, topics: ['..'] }, /not|must NOT/i],
    [
      'an overlong topic (250)',
      { ...minimalAnswers, topics: ['t'.repeat(250)] },
      /pattern/,
    ],
    [
      'a duplicate topic',
      { ...minimalAnswers, topics: ['a', 'a'] },
      /unique|duplicate/i,
    ],
    ['no webservice', { ...minimalAnswers, webservices: [] }, /1/],
    ['a service without image', withService({ image: undefined }), /image/],
    [
      'an image with :latest',
      withService({ image: 'ghcr.io/x/api:latest' }),
      /not|must NOT/i,
    ],
    [
      'an untagged image',
      withService({ image: 'ghcr.io/x/api' }),
      /not|must NOT/i,
    ],
    [
      'an upper-case image',
      withService({ image: 'GHCR.io/x/api:1.0' }),
      /pattern/,
    ],
    ['port 0', withService({ port: 0 }), />=|greater|minimum/],
    ['port 65536', withService({ port: 65536 }), /<=|less|maximum/],
    [
      'a service name starting with a digit',
      withService({ name: '1api' }),
      /pattern/,
    ],
    [
      'an overlong service name (64)',
      withService({ name: `a${'b'.repeat(63)}` }),
      /63/,
    ],
    [
      'the service name "events" (the platform)',
      withService({ name: 'events' }),
      /platform component's name/,
    ],
    ['a bad produced topic', withService({ produces: ['a b'] }), /pattern/],
    [
      'a bad consumed topic',
      withService({ consumes: ['..'] }),
      /not|must NOT/i,
    ],
    [
      'MQTT without its topic filter',
      { ...minimalAnswers, includeMqtt: true, mqttKafkaTopic: 'x' },
      /mqttTopic|oneOf|one of/,
    ],
    [
      'an MQTT filter with # in the middle',
      {
        ...minimalAnswers,
        includeMqtt: true,
        mqttTopic: 'a/#/b',
        mqttKafkaTopic: 'x',
      },
      /pattern|oneOf|one of/,
    ],
    [
      'an MQTT filter with a quote',
      {
        ...minimalAnswers,
        includeMqtt: true,
        mqttTopic: "a/'b",
        mqttKafkaTopic: 'x',
      },
      /pattern|oneOf|one of/,
    ],
    [
      'a bad MQTT Kafka topic',
      {
        ...minimalAnswers,
        includeMqtt: true,
        mqttTopic: 'a/+',
        mqttKafkaTopic: 'a b',
      },
      /pattern|oneOf|one of/,
    ],
    [
      'publishing without a repository',
      { ...minimalAnswers, publish: true },
      /repoUrl|oneOf|one of/,
    ],
  ])('%s', (_, values, message) => {
    const { form, backend } = refused(values);
    expect(form.length).toBeGreaterThan(0);
    expect(backend.length).toBeGreaterThan(0);
    expect(`${form.join('\n')}\n${backend.join('\n')}`).toMatch(message);
  });
});
