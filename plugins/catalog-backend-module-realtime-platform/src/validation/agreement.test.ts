import { mockServices } from '@backstage/backend-test-utils';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import {
  createKit,
  FileValidation,
  formatIssue,
} from '@internal/realtime-platform-kit';
import {
  applicationText,
  GeneratedApplication,
  generateApplications,
} from '../__testUtils__/applications';
import { defaultOptions } from '../__testUtils__/run';
import { RealtimeOamProcessor } from '../processor/RealtimeOamProcessor';

/*
 * Property test: for many malformed applications, the catalog module rejects exactly those
 * `realtime-kit validate` (the real cue, the Composition and the Kubernetes schemas) rejects,
 * with the same messages, and emits entities for exactly those it accepts. The kit validates
 * them all in one validateTexts batch.
 */
jest.setTimeout(240_000);

const SEED = 20240612;
const COUNT = 300;

/** What the catalog module makes of one application, as the catalog would see it. */
async function catalogView(apps: { file: string; text: string }[]) {
  const byUrl = new Map(apps.map(a => [a.file, a.text]));
  const processor = new RealtimeOamProcessor({
    reader: mockServices.urlReader.mock({
      readUrl: async url => ({
        buffer: async () => Buffer.from(byUrl.get(url)!),
        etag: 'x',
      }),
    }),
    options: defaultOptions,
  });
  return Promise.all(
    apps.map(async ({ file }) => {
      const results: CatalogProcessorResult[] = [];
      await processor.readLocation(
        { type: 'realtime-oam', target: file },
        false,
        r => results.push(r),
      );
      return {
        entities: results.filter(r => r.type === 'entity').length,
        errors: results.flatMap(r =>
          r.type === 'error' ? [r.error.message] : [],
        ),
      };
    }),
  );
}

interface Compared {
  app: { file: string; text: string; mutations?: string[] };
  kit: FileValidation;
  catalog: { entities: number; errors: string[] };
}

async function compare(
  apps: { file: string; text: string; mutations?: string[] }[],
): Promise<Compared[]> {
  const kit = await createKit().validateTexts(
    apps.map(({ file, text }) => ({ file, text })),
  );
  const catalog = await catalogView(apps);
  return apps.map((app, i) => ({ app, kit: kit[i], catalog: catalog[i] }));
}

/** How a compared application disagrees, or undefined when both sides agree. */
function disagreement({ app, kit, catalog }: Compared) {
  const kitMessages = kit.issues.map(formatIssue).sort();
  const catalogMessages = [...catalog.errors].sort();
  const catalogAccepts = catalog.entities > 0 && !catalog.errors.length;
  if (
    kit.valid === catalogAccepts &&
    JSON.stringify(kitMessages) === JSON.stringify(catalogMessages)
  ) {
    return undefined;
  }
  return {
    file: app.file,
    mutations: app.mutations,
    kit: kitMessages,
    catalog: catalogAccepts ? `${catalog.entities} entities` : catalogMessages,
    text: app.text,
  };
}

const platform = (properties: object) => ({
  name: 'events',
  type: 'realtime-platform',
  properties: { topics: [{ name: 'orders' }], ...properties },
});
const service = (properties: object) => ({
  name: 'api',
  type: 'realtime-webservice',
  properties: { image: 'ghcr.io/example/api:1.0.0', ...properties },
});

const EXAMPLES: Record<string, [object[], string[]]> = {
  'a port of 2^63': [
    [platform({}), service({ port: 2 ** 63 })],
    [
      'field "port": invalid value 9223372036854776000 (out of bound <=65535) (fix: the value must be >= 1, be <= 65535 (Port the container listens on; the Service exposes it))',
    ],
  ],
  'a null MQTT topic (bridge)': [
    [
      platform({
        mqtt: { bridges: [{ mqttTopic: null, kafkaTopic: 'orders' }] },
      }),
    ],
    [
      'field "mqtt.bridges[0].mqttTopic": expected a string, got null (fix: the value must match',
    ],
  ],
  'a null MQTT topic (user)': [
    [platform({ mqtt: { users: [{ name: 'device', topics: [null] }] } })],
    [
      'field "mqtt.users[0].topics": invalid value [null] (fix: see the parameter reference: MQTT topic filters the user may access)',
      'field "mqtt.users[0].topics[0]": expected a string, got null',
    ],
  ],
  'an unknown bridge key': [
    [
      platform({
        mqtt: { bridges: [{ mqttTopic: 'in/#', kafkaTopic: 'orders', qs: 1 }] },
      }),
    ],
    [
      'field "mqtt.bridges[0].qs": unknown parameter "qs" (field not allowed) (fix: remove it or use one of: mqttTopic, kafkaTopic, qos)',
    ],
  ],
};

describe('the catalog module and realtime-kit validate agree', () => {
  it.each(Object.entries(EXAMPLES))(
    'on %s: no entities, the same messages',
    async (name, [components, expected]) => {
      const [c] = await compare([
        {
          file: `https://apps.example.org/${name.replace(/\W+/g, '-')}.yaml`,
          text: applicationText(components),
        },
      ]);
      expect(c.kit.valid).toBe(false);
      expect(c.catalog.entities).toBe(0);
      expect(disagreement(c)).toBeUndefined();
      expect(c.catalog.errors).toHaveLength(expected.length);
      expected.forEach(e =>
        expect(c.catalog.errors.some(m => m.includes(e))).toBe(true),
      );
    },
  );

  describe(`on ${COUNT} generated applications (seed ${SEED})`, () => {
    let compared: Compared[];
    let generated: GeneratedApplication[];

    beforeAll(async () => {
      generated = generateApplications(SEED, COUNT);
      compared = await compare(generated);
    });

    it('both reject the same applications with the same messages, and accept the rest', () => {
      const disagreements = compared.map(disagreement).filter(Boolean);
      expect(disagreements.slice(0, 5)).toEqual([]);
      expect(disagreements).toHaveLength(0);
    });

    it('cover rejections of every kind and enough valid applications', () => {
      const rejected = compared.filter(c => !c.kit.valid);
      const messages = rejected.flatMap(c => c.kit.issues.map(i => i.message));
      expect(rejected.length).toBeGreaterThan(COUNT / 2);
      expect(COUNT - rejected.length).toBeGreaterThan(COUNT / 10);
      for (const kind of [
        /^expected an integer, got /,
        /^expected a string, got null$/,
        /\(out of bound <=/,
        /\(out of bound =~/,
        /\(out of bound !~/,
        /strings\.MaxRunes/,
        / is not one of: /,
        /^invalid value \[/,
        /^incompatible list lengths/,
        /^unknown parameter /,
        /^required parameter is missing$/,
        /^unknown component type /,
        /^properties must be a mapping$/,
        /exceeds kafka\.replicas/,
        /is not a declared topic$/,
        /must be unique$/,
        /normalise to the same secret key/,
        /would override it$/,
        /^produces\/consumes need realtime$/,
        /^component name .* characters/,
        /DNS-1035/,
        /^platform namespace .* characters/,
        /is not a realtime-platform component of this application$/,
        /^topic ".*" is not declared by platform/,
      ]) {
        expect({
          kind: String(kind),
          found: messages.some(m => kind.test(m)),
        }).toEqual({ kind: String(kind), found: true });
      }
    });
  });

  it('one known disagreement: a no-break space in an MQTT topic filter (cue and the API server use RE2, whose \\s is ASCII; the kit checks the composite with JavaScript regular expressions)', async () => {
    const [c] = await compare([
      {
        file: 'https://apps.example.org/nbsp.yaml',
        text: applicationText([
          platform({
            mqtt: { users: [{ name: 'device', topics: ['a\u00a0b'] }] },
          }),
        ]),
      },
    ]);
    expect(c.catalog.errors).toEqual([]);
    expect(c.catalog.entities).toBeGreaterThan(0);
    expect(c.kit.issues.map(i => i.message)).toEqual([
      expect.stringContaining(
        'composite resource does not match the XRD schema',
      ),
    ]);
  });
});
