import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readApplication } from './application';
import { kubevelaContext } from './cueEval';
import { KUBEVELA_RELEASES as RELEASES, kubevelaCue } from './kubevela';
import { flattenParameters } from './schema';
import { kit, Loose } from './__fixtures__/testing';

// KubeVela as it really evaluates: tools/kubevela-cue reproduces each supported release's
// parameter-schema derivation (the schema-<name> ConfigMap), template rendering and
// health/status evaluation with the CUE library that release embeds.
jest.setTimeout(120_000);

const labels = Object.keys(RELEASES);
const definitionsFile = kit.paths.definitions;
const statusDir = path.join(__dirname, '__fixtures__', 'status');
const examples = ['MINIMAL-REALTIME-OAM.yaml', 'REALTIME-OAM-EXAMPLE.yaml'].map(
  f => path.join(kit.paths.root, 'platform', 'examples', f),
);

/** Every parameter path of a KubeVela (OpenAPI) schema, written like the kit's (`topics[].name`). */
function kubevelaPaths(schema: any, prefix = ''): Map<string, any> {
  const out = new Map<string, any>();
  for (const [k, v] of Object.entries<any>(schema.properties ?? {})) {
    const p = prefix ? `${prefix}.${k}` : k;
    out.set(p, v);
    for (const [cp, cv] of kubevelaPaths(v, p)) out.set(cp, cv);
    if (v.items?.properties) {
      for (const [cp, cv] of kubevelaPaths(v.items, `${p}[]`)) out.set(cp, cv);
    }
  }
  return out;
}

function fixture(name: string): any {
  return JSON.parse(
    fs.readFileSync(path.join(statusDir, `${name}.json`), 'utf8'),
  );
}

/** The component context of the minimal example's components, as the controller has it. */
const statusContext = {
  name: 'events',
  namespace: 'demo',
  appName: 'minimal',
  appRevision: 'minimal-v2',
};

function withTempDefinitions<T>(
  text: string,
  fn: (file: string) => Promise<T>,
): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubevela-cue-'));
  const file = path.join(dir, 'definitions.yaml');
  fs.writeFileSync(file, text);
  return fn(file).finally(() =>
    fs.rmSync(dir, { recursive: true, force: true }),
  );
}

describe('the supported KubeVela releases', () => {
  it('are the ones scripts/setup.d/35-kubevela-cue.sh builds', () => {
    const script = fs.readFileSync(
      path.join(kit.paths.root, 'scripts', 'setup.d', '35-kubevela-cue.sh'),
      'utf8',
    );
    const built = /^_kc_releases="([^"]*)"/m.exec(script)![1].split(/\s+/);
    expect(built).toEqual(labels.map(l => `${l}:${RELEASES[l][0]}`));
  });

  it.each(labels)(
    '%s: the binary reproduces that release with the CUE it embeds',
    async label => {
      const r = await kubevelaCue(label, ['version']);
      expect(r.json).toEqual({
        kubevela: RELEASES[label][0],
        cue: RELEASES[label][1],
      });
    },
  );
});

describe.each(labels)('KubeVela %s', label => {
  describe('parameter schema (schema-<name> ConfigMap)', () => {
    it.each(['realtime-platform', 'realtime-webservice'])(
      '%s: derivation succeeds and the schema has every parameter with its default',
      async type => {
        const r = await kubevelaCue(label, ['schema', definitionsFile, type]);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        const derived = kubevelaPaths((r.json as Loose)[type]);
        const { root } = await kit.schema(type);
        const params = flattenParameters(root);
        expect([...derived.keys()].sort()).toEqual(
          params.map(p => p.path).sort(),
        );
        const defaults = (d: (path: string) => unknown) =>
          params
            .filter(p => p.default !== undefined)
            .map(p => [p.path, d(p.path)]);
        expect(defaults(p => derived.get(p).default)).toEqual(
          defaults(p => params.find(q => q.path === p)!.default),
        );
        expect(
          params.map(p => [p.path, derived.get(p.path).description]),
        ).toEqual(params.map(p => [p.path, p.description]));
      },
    );

    it('negative control: the former `*1 | int & >=1 & <=5` cannot be derived', async () => {
      const text = fs.readFileSync(definitionsFile, 'utf8');
      const broken = text.replace(
        /^([ \t]*)replicas: \*1 \| int\n/m,
        '$1replicas: *1 | int & >=1 & <=5\n',
      );
      expect(broken).not.toBe(text);
      await withTempDefinitions(broken, async file => {
        const r = await kubevelaCue(label, [
          'schema',
          file,
          'realtime-platform',
        ]);
        expect(r.code).toBe(1);
        expect(r.stderr).toBe(
          `kubevela-cue (KubeVela ${RELEASES[label][0]}): definition "realtime-platform": parameter schema: unsupported op for number &`,
        );
      });
    });
  });

  describe('rendering (context + parameter)', () => {
    it.each(examples.map(f => path.basename(f)))(
      '%s: every component renders exactly as the kit renders it',
      async base => {
        const file = examples.find(f => path.basename(f) === base)!;
        const { app } = readApplication(file, kit.componentTypes);
        const [validation] = await kit.validateFiles([file]);
        expect(validation.valid).toBe(true);
        for (const component of app!.components) {
          const r = await kubevelaCue(
            label,
            ['render', definitionsFile, component.type],
            {
              context: kubevelaContext(app!, component),
              parameter: component.properties,
            },
          );
          expect(r.stderr).toBe('');
          const rendered = validation.result!.components.find(
            c => c.name === component.name,
          )!;
          // The kit's objects carry the namespace KubeVela sets when it applies them.
          const applied = (o: any) => ({
            ...o,
            metadata: { ...o.metadata, namespace: app!.namespace },
          });
          const json: Loose = r.json;
          expect(applied(json.output)).toEqual(rendered.output);
          expect(Object.keys(json.outputs)).toEqual(
            Object.keys(rendered.outputs),
          );
          for (const [name, o] of Object.entries<any>(json.outputs)) {
            expect(applied(o)).toEqual(rendered.outputs[name]);
          }
        }
      },
    );

    it('every bound still holds when KubeVela renders (negative control: kafka.replicas 9)', async () => {
      const { app } = readApplication(examples[0], kit.componentTypes);
      const platform = app!.components.find(
        c => c.type === 'realtime-platform',
      )!;
      const r = await kubevelaCue(
        label,
        ['render', definitionsFile, 'realtime-platform'],
        {
          context: kubevelaContext(app!, platform),
          parameter: { kafka: { replicas: 9 } },
        },
      );
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('definition "realtime-platform"');
      expect(r.stderr).toContain(
        'parameter.kafka.replicas: invalid value 9 (out of bound <=5)',
      );
    });

    it('a rule written `"<message>" & false` rejects when KubeVela renders (negative control)', async () => {
      const { app } = readApplication(examples[0], kit.componentTypes);
      const platform = app!.components.find(
        c => c.type === 'realtime-platform',
      )!;
      const r = await kubevelaCue(
        label,
        ['render', definitionsFile, 'realtime-platform'],
        {
          context: kubevelaContext(app!, platform),
          parameter: { topics: [{ name: 'a' }, { name: 'a' }] },
        },
      );
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('topics: topic names must be unique');
    });
  });

  describe('health policy and custom status (context.output = the live object)', () => {
    const cases: [string, string, boolean, string][] = [
      [
        'realtime-webservice',
        'deployment-progressing',
        false,
        '2/3 ready, 2/3 updated',
      ],
      ['realtime-webservice', 'deployment-ready', true, '3/3 ready'],
      [
        'realtime-webservice',
        'deployment-failed',
        false,
        '3/3 ready, 1/3 updated; ProgressDeadlineExceeded: ReplicaSet "api-7c4b9d6f58" has timed out progressing.',
      ],
      [
        'realtime-platform',
        'composite-progressing',
        false,
        'Ready False (Creating): Unready resources: events-kafka, events-metabase, events-postgresql, and 1 more',
      ],
      ['realtime-platform', 'composite-ready', true, 'Synced and Ready'],
      [
        'realtime-platform',
        'composite-failed',
        false,
        'Synced False (ReconcileError): cannot compose resources: cannot run Composition pipeline step "compose": cannot run Function "function-go-templating": rpc error: code = Unavailable desc = connection error',
      ],
    ];

    async function status(type: string, output: any) {
      const r = await kubevelaCue(label, ['status', definitionsFile, type], {
        context: statusContext,
        output,
      });
      expect(r.stderr).toBe('');
      return r.json;
    }

    it.each(cases)(
      '%s with %s.json: healthy %s, message %j',
      async (type, name, healthy, message) => {
        expect(await status(type, fixture(name))).toEqual({ healthy, message });
      },
    );

    it('negative control: the ready composite with Ready False is unhealthy, naming the reason', async () => {
      const xr = fixture('composite-ready');
      const ready = xr.status.conditions.find((c: any) => c.type === 'Ready');
      Object.assign(ready, {
        status: 'False',
        reason: 'Unavailable',
        message: 'Unready resources: events-kafka',
      });
      expect(await status('realtime-platform', xr)).toEqual({
        healthy: false,
        message: 'Ready False (Unavailable): Unready resources: events-kafka',
      });
    });

    it('a composite without conditions yet is unhealthy and says what it waits for', async () => {
      const xr = fixture('composite-ready');
      delete xr.status;
      expect(await status('realtime-platform', xr)).toEqual({
        healthy: false,
        message: "waiting for the composite's Synced condition",
      });
    });

    it('negative control: a ready Deployment whose new generation is not yet observed is unhealthy', async () => {
      const deployment = fixture('deployment-ready');
      deployment.metadata.generation = 3;
      expect(await status('realtime-webservice', deployment)).toEqual({
        healthy: false,
        message: '3/3 ready, generation 3 not yet observed',
      });
    });

    it('a Deployment the controller has not yet reported on is unhealthy', async () => {
      const deployment = fixture('deployment-ready');
      delete deployment.status;
      expect(await status('realtime-webservice', deployment)).toEqual({
        healthy: false,
        message: '0/3 ready, 0/3 updated, generation 2 not yet observed',
      });
    });
  });
});
