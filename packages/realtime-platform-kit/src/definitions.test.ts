import fs from 'node:fs';
import path from 'node:path';
import { CONNECTION_KEYS } from '@internal/realtime-platform-contract';
import { run } from './exec';
import { compositionRenderBinary, cueBinary } from './paths';
import { flattenParameters, xrdSpecSchema } from './schema';
import { xrdOpenApiSchema } from './composition';
import { kit } from './__fixtures__/testing';

describe('definitions', () => {
  it('declares the two component types', () => {
    expect(kit.componentTypes.sort()).toEqual([
      'realtime-platform',
      'realtime-webservice',
    ]);
  });

  it.each(['realtime-platform', 'realtime-webservice'])(
    'every %s parameter has a +usage description',
    async type => {
      const schema = await kit.schema(type);
      const params = flattenParameters(schema.root);
      expect(params.length).toBeGreaterThan(10);
      expect(params.filter(p => !p.description).map(p => p.path)).toEqual([]);
    },
  );

  it.each(['realtime-platform', 'realtime-webservice'])(
    '%s avoids CUE features newer than KubeVela embeds (the error() builtin needs CUE v0.14)',
    type => {
      expect(kit.definitions.get(type)!.template).not.toMatch(/\berror\(/);
    },
  );

  it('exposes types, defaults, enums, constraints, required-ness and areas', async () => {
    const { root } = await kit.schema('realtime-platform');
    expect(root.children!.map(c => c.name)).toEqual([
      'kafka',
      'topics',
      'schemaRegistry',
      'mqtt',
      'lenses',
      'metabase',
      'postgresql',
      'resources',
    ]);
    const byPath = new Map(flattenParameters(root).map(p => [p.path, p]));
    expect(byPath.get('kafka.replicas')).toMatchObject({
      type: 'integer',
      default: 1,
      minimum: 1,
      maximum: 5,
      area: 'kafka',
      required: false,
    });
    expect(byPath.get('resources.size')).toMatchObject({
      enum: ['small', 'medium', 'large'],
      default: 'small',
      area: 'resources',
    });
    expect(byPath.get('topics[].name')).toMatchObject({
      type: 'string',
      required: true,
      patterns: ['^[a-zA-Z0-9._-]{1,249}$'],
      notPatterns: ['^[.]{1,2}$'],
      area: 'topics',
    });
    expect(byPath.get('lenses')).toMatchObject({
      optional: true,
      required: false,
    });
    expect(byPath.get('lenses.acceptEULA')).toMatchObject({
      type: 'boolean',
      enum: [true],
      required: true,
    });
    expect(byPath.get('mqtt.bridges[].kafkaTopic')).toMatchObject({
      required: true,
      area: 'mqtt',
    });
    const web = await kit.schema('realtime-webservice');
    const webParams = new Map(
      flattenParameters(web.root).map(p => [p.path, p]),
    );
    expect(webParams.get('image')).toMatchObject({ required: true });
    expect(webParams.get('realtime')).toMatchObject({
      optional: true,
      required: false,
    });
  });

  it('the XRD spec schema matches the CUE definition (descriptions, defaults, enums, patterns)', async () => {
    const { openapi } = await kit.schema('realtime-platform');
    const expected = xrdSpecSchema(openapi);
    const { description: _d, ...actual } = xrdOpenApiSchema(
      kit.compositionFile.xrd,
    ).properties!.spec;
    expect(actual).toEqual(expected);
  });

  it('the XRD schema is structural: no default inside allOf, anyOf, oneOf or not', () => {
    const misplaced: string[] = [];
    const walk = (node: unknown, at: string, inCombinator: boolean) => {
      if (Array.isArray(node)) {
        node.forEach((n, i) => walk(n, `${at}[${i}]`, inCombinator));
        return;
      }
      if (!node || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (key === 'default' && inCombinator) misplaced.push(at);
        const combinator = ['allOf', 'anyOf', 'oneOf', 'not'].includes(key);
        walk(value, `${at}.${key}`, inCombinator || combinator);
      }
    };
    walk(xrdOpenApiSchema(kit.compositionFile.xrd), 'spec', false);
    expect(misplaced).toEqual([]);
  });

  it("the realtime-webservice definition's _contractKeys are the contract's fixed connection keys, in order", () => {
    // CUE cannot import the TypeScript contract: the list is written out, and held to it here.
    const template = kit.definitions.get('realtime-webservice')!.template;
    const list = /^\s*_contractKeys: (\[.*\])$/m.exec(template);
    expect(list && JSON.parse(list[1])).toEqual(
      CONNECTION_KEYS.map(k => k.key),
    );
  });

  it('the Composition is a Pipeline: function-go-templating, then function-auto-ready', () => {
    const { composition, functions } = kit.compositionFile;
    expect(composition.spec.mode).toBe('Pipeline');
    expect(
      composition.spec.pipeline.map((s: any) => s.functionRef.name),
    ).toEqual(['function-go-templating', 'function-auto-ready']);
    expect(functions.map((f: any) => f.spec.package)).toEqual([
      expect.stringMatching(/function-go-templating:v\d+\.\d+\.\d+$/),
      expect.stringMatching(/function-auto-ready:v\d+\.\d+\.\d+$/),
    ]);
  });
});

describe('platform/README.md', () => {
  const readme = fs.readFileSync(
    path.join(kit.paths.root, 'platform', 'README.md'),
    'utf8',
  );

  it('leaves the connection-secret keys to their generated reference: a link, no copy of the table', () => {
    expect(readme).toContain('(../docs/reference/connection-secret.md)');
    const copied = CONNECTION_KEYS.map(k => k.key).filter(k =>
      new RegExp(`^\\| \`${k}\` +\\|`, 'm').test(readme),
    );
    expect(copied).toEqual([]);
  });

  it('lists every image the Composition pins', () => {
    const template =
      kit.compositionFile.composition.spec.pipeline[0].input?.inline
        ?.template ?? '';
    const images = [
      ...template.matchAll(/"[a-z]+" "([a-z0-9./-]+:[^"]+)"/g),
    ].map(m => m[1]);
    expect(images.length).toBeGreaterThanOrEqual(8);
    expect(images.filter(i => !readme.includes(`\`${i}\``))).toEqual([]);
  });
});

describe('tools', () => {
  it('a missing cue binary fails with one line naming the fix', () => {
    const saved = process.env.CUE_BIN;
    process.env.CUE_BIN = '/nonexistent/cue';
    try {
      expect(() => cueBinary(kit.paths.root)).toThrow(
        'cue not found at $CUE_BIN=/nonexistent/cue: run `make setup` (scripts/setup.sh) to install it, or unset CUE_BIN',
      );
    } finally {
      if (saved === undefined) delete process.env.CUE_BIN;
      else process.env.CUE_BIN = saved;
    }
  });

  it('composition-render is built from the current sources (make setup rebuilds it)', () => {
    const bin = fs.statSync(compositionRenderBinary(kit.paths.root)).mtimeMs;
    const dir = path.join(kit.paths.root, 'tools', 'composition-render');
    const newer = fs
      .readdirSync(dir)
      .filter(f => fs.statSync(path.join(dir, f)).mtimeMs > bin);
    expect(newer).toEqual([]);
  });

  it('the cue binary is the version the project setup pins (scripts/lib.sh CUE_VERSION)', async () => {
    const lib = fs.readFileSync(
      path.join(kit.paths.root, 'scripts', 'lib.sh'),
      'utf8',
    );
    const pinned = /^CUE_VERSION=(\S+)/m.exec(lib)![1];
    const res = await run(cueBinary(kit.paths.root), ['version']);
    expect(res.stdout).toContain(`cue version ${pinned}\n`);
  });
});
