import { RealtimeKit } from '@internal/realtime-platform-kit';
import { classify } from './effects';
import { runProbes } from './probes';
import { anchorId, code, decodeEntities, text } from './markdown';
import { checkRules } from './rules';
import { paramTree } from './tree';

describe('anchorId', () => {
  it.each([
    ['kafka.replicas', 'kafka-replicas'],
    ['mqtt.bridges[].kafkaTopic', 'mqtt-bridges-kafka-topic'],
    ['resources.schemaRegistryReplicas', 'resources-schema-registry-replicas'],
    ['lenses.acceptEULA', 'lenses-accept-eula'],
    ['realtime', 'realtime'],
  ])('%s → %s', (p, id) => expect(anchorId(p)).toBe(id));
});

describe('escaping', () => {
  it('leaves no Markdown or HTML syntax character in code and text, and decodes back', () => {
    const re =
      '^(([^+#/\\s\'"`$\\\\]*|[+])(/#)?|#)$ a|b *x* _y_ ~z~ ^s^ ==m== {++c++} 1/4 (c) :smile: <b>&amp;';
    for (const out of [code(re), text(re)]) {
      const inner = out.replace(/^<code>|<\/code>$/g, '');
      expect(inner.replace(/&#\d+;/g, '')).not.toMatch(
        /[|`*_~^={}<>()#+:\\[\]$/\\&]/,
      );
      expect(decodeEntities(inner)).toBe(re);
    }
  });
});

describe('paramTree', () => {
  it('takes a default cue placed inside allOf and does not mark the field required', () => {
    const tree = paramTree({
      type: 'object',
      required: ['db', 'name'],
      properties: {
        db: {
          type: 'string',
          allOf: [
            { pattern: '^[a-z]+$', default: 'analytics' },
            { not: { pattern: '^postgres$' } },
          ],
        },
        name: { type: 'string' },
        tags: { type: 'array', items: { type: 'string' } },
        extra: {
          type: 'object',
          properties: { on: { type: 'boolean', default: true } },
        },
      },
    });
    const [db, name, tags, extra] = tree.children;
    expect(db).toMatchObject({
      default: 'analytics',
      required: false,
      optional: false,
      patterns: ['^[a-z]+$'],
      notPatterns: ['^postgres$'],
    });
    expect(name).toMatchObject({ required: true, optional: false });
    expect(tags).toMatchObject({ default: [], optional: true });
    expect(extra).toMatchObject({ optional: true, required: false });
  });

  it('reads an XRD-style schema: defaulted fields are neither required nor optional features', () => {
    const tree = paramTree({
      type: 'object',
      properties: {
        kafka: {
          type: 'object',
          default: {},
          properties: { replicas: { type: 'integer', default: 1 } },
        },
      },
    });
    expect(tree.children[0]).toMatchObject({ optional: false, default: {} });
    expect(tree.children[0].children[0]).toMatchObject({
      optional: false,
      required: false,
      default: 1,
    });
  });
});

describe('checkRules', () => {
  it('reads the "message" & false form too, and refuses a _checks block it cannot read', () => {
    expect(
      checkRules(
        '_checks: {\n\tif len(parameter.env) > 3 {\n\t\tenv: "too many" & false\n\t}\n}',
      ),
    ).toEqual([
      {
        condition: 'if len(parameter.env) > 3',
        reads: ['env'],
        message: 'too many',
      },
    ]);
    expect(() => checkRules('_checks: {\n\tif x { y: 1 }\n}')).toThrow(
      /update packages\/realtime-platform-docgen\/src\/rules\.ts/,
    );
  });

  it('extracts each error() rule with the parameters it reads, resolving loops and helper fields', () => {
    const template = [
      '_names: [for t in parameter.topics {t.name}]',
      '_checks: {',
      '\tif len(context.name) > 40 {',
      '\t\tname: error("name \\"\\(context.name)\\" too long")',
      '\t}',
      '\tfor i, b in parameter.mqtt.bridges if !list.Contains(_names, b.kafkaTopic) {',
      '\t\t"bridge\\(i)": error("not declared")',
      '\t}',
      '}',
    ].join('\n');
    expect(checkRules(template)).toEqual([
      {
        condition: 'if len(context.name) > 40',
        reads: ['context.name'],
        message: 'name "\\(context.name)" too long',
      },
      {
        condition:
          'for i, b in parameter.mqtt.bridges if !list.Contains(_names, b.kafkaTopic)',
        reads: ['mqtt.bridges[].kafkaTopic', 'topics[].name'],
        message: 'not declared',
      },
    ]);
  });
});

describe('classify', () => {
  it('maps a change to its Kubernetes consequence', () => {
    expect(
      classify('StatefulSet', 'changed', [
        'spec.volumeClaimTemplates.0.spec.resources.requests.storage',
      ]),
    ).toMatchObject({
      dataLoss: true,
      effect: expect.stringContaining('immutable'),
    });
    expect(
      classify('Deployment', 'changed', [
        'spec.template.spec.containers.0.image',
      ]),
    ).toEqual({ effect: 'rolling update of its pods', dataLoss: false });
    expect(classify('Deployment', 'changed', ['spec.replicas'])).toMatchObject({
      effect: expect.stringContaining('scaled'),
    });
    expect(
      classify('Job', 'changed', ['metadata.name', 'spec.template.spec']),
    ).toMatchObject({ effect: expect.stringContaining('runs again') });
    expect(classify('StatefulSet', 'deleted', [])).toMatchObject({
      dataLoss: true,
    });
    expect(classify('Service', 'changed', ['spec.ports.0.port'])).toEqual({
      effect: 'updated in place',
      dataLoss: false,
    });
  });
});

describe('runProbes', () => {
  const example = [
    'apiVersion: core.oam.dev/v1beta1',
    'kind: Application',
    'metadata: {name: a, namespace: n}',
    'spec:',
    '  components:',
    '    - {name: p, type: realtime-platform}',
    '    - {name: api, type: realtime-webservice, properties: {image: "x/y:1", realtime: p}}',
  ].join('\n');

  it('fails generation when a documented cross-component rule stops rejecting its violation', async () => {
    const accepting = {
      validateTexts: async (texts: { file: string }[]) =>
        texts.map(t => ({ file: t.file, valid: true, issues: [] })),
    } as unknown as RealtimeKit;
    await expect(runProbes(accepting, example, 'ex.yaml')).rejects.toThrow(
      /the rule "realtime names a realtime-platform component of the same application" no longer holds: realtime-webservice api with realtime/,
    );
  });

  it('sets the probe value on the component of that type and reports the messages against the example file', async () => {
    const seen: string[] = [];
    const rejecting = {
      validateTexts: async (texts: { file: string; text: string }[]) =>
        texts.map(t => {
          seen.push(t.text);
          return {
            file: t.file,
            valid: false,
            issues: [
              { file: t.file, component: 'api', message: 'no', fix: 'yes' },
            ],
          };
        }),
    } as unknown as RealtimeKit;
    const results = await runProbes(rejecting, example, 'ex.yaml');
    expect(seen[0]).toContain('realtime: no-such-platform');
    expect(results[0]).toMatchObject({
      component: 'api',
      messages: ['ex.yaml: component "api": no (fix: yes)'],
    });
  });
});
