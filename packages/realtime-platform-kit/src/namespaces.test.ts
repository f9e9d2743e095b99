/**
 * The platform namespace `<app-namespace>--<component-name>-realtime` never maps two
 * (namespace, component name) pairs to one namespace.
 *
 * Proof: both names are DNS-1123 labels (neither starts or ends with `-`) and the component name
 * has no `--` (the definition's `_checks` rejects it). In `<ns>--<name>` no `--` starts inside
 * `<name>`, none starts at the separator's second dash (`<name>` does not start with `-`), so the
 * last `--` is the separator and {@link parsePlatformNamespace} recovers both names.
 *
 * Checked here: every pair of labels up to 4 characters over {a, b, -} (exhaustive), a seeded
 * sample of realistic lengths, the real cue evaluating the definition's `_platformNamespace`, and
 * the kit's render (CUE + the Composition) creating that Namespace. Negative controls: the old
 * formula `<ns>-<name>-realtime`, and the new one without the `--` rule, fail the property.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  NAMESPACE_MAX_LENGTH,
  parsePlatformNamespace,
  platformNames,
} from '@internal/realtime-platform-contract';
import { OamApplication, OamComponent } from './application';
import { kubevelaContext } from './cueEval';
import { run } from './exec';
import { cueBinary } from './paths';
import { app, check, kit, manifests } from './__fixtures__/testing';

jest.setTimeout(60_000);

type Pair = { namespace: string; name: string };
type Formula = (name: string, namespace: string) => string;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const kitFormula: Formula = (name, namespace) =>
  platformNames(name, namespace).platformNamespace;
const oldFormula: Formula = (name, namespace) =>
  `${namespace}-${name}-realtime`;

/** Every string of length 1..maxLength over `alphabet` that is a DNS-1123 label. */
function labels(alphabet: string[], maxLength: number): string[] {
  const out: string[] = [];
  let level = [''];
  for (let len = 1; len <= maxLength; len++) {
    level = level.flatMap(prefix => alphabet.map(c => prefix + c));
    out.push(...level.filter(s => DNS_LABEL.test(s)));
  }
  return out;
}

/** Component names the definition accepts (as far as the separator is concerned). */
const validName = (name: string) =>
  DNS_LABEL.test(name) && !name.includes('--');

/** Pairs whose formula result is shared with an earlier pair. */
function collisions(pairs: Pair[], formula: Formula): [Pair, Pair][] {
  const seen = new Map<string, Pair>();
  const out: [Pair, Pair][] = [];
  for (const p of pairs) {
    const ns = formula(p.name, p.namespace);
    const before = seen.get(ns);
    if (before) out.push([before, p]);
    else seen.set(ns, p);
  }
  return out;
}

/** mulberry32: a small seeded PRNG, so a failure reproduces. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random DNS-1123 label of 1..maxLength characters, dash-heavy so separators get tested. */
function randomLabel(
  rand: () => number,
  maxLength: number,
  noDoubleDash: boolean,
) {
  const ends = 'abcxyz019';
  const middle = 'ab0--';
  const len = 1 + Math.floor(rand() * maxLength);
  const pick = (s: string) => s[Math.floor(rand() * s.length)];
  let out = pick(ends);
  for (let i = 1; i < len - 1; i++) {
    let c = pick(middle);
    if (noDoubleDash && c === '-' && out.endsWith('-')) c = pick(ends);
    out += c;
  }
  if (len > 1) out += pick(ends);
  return out;
}

function randomPairs(
  seed: number,
  count: number,
  maxNs: number,
  maxName: number,
) {
  const rand = prng(seed);
  const out: Pair[] = [];
  for (let i = 0; i < count; i++)
    out.push({
      namespace: randomLabel(rand, maxNs, false),
      name: randomLabel(rand, maxName, true),
    });
  return out;
}

describe('the platform namespace is injective', () => {
  const all = labels(['a', 'b', '-'], 4);
  const names = all.filter(validName);
  const pairs: Pair[] = all.flatMap(namespace =>
    names.map(name => ({ namespace, name })),
  );

  it('enumerates every DNS-label pair up to length 4 over {a, b, -}', () => {
    // 2 + 4 + 12 + 36 labels; names drop the 4 of the form x--y.
    expect(all).toHaveLength(54);
    expect(names).toHaveLength(50);
    expect(pairs).toHaveLength(2700);
  });

  it('exhaustively: the inverse recovers every pair, so no two pairs share a namespace', () => {
    const wrong = pairs.filter(p => {
      const back = parsePlatformNamespace(kitFormula(p.name, p.namespace));
      return back?.namespace !== p.namespace || back?.name !== p.name;
    });
    expect(wrong).toEqual([]);
    expect(collisions(pairs, kitFormula)).toEqual([]);
  });

  it('on a seeded sample of realistic lengths: the inverse recovers every pair', () => {
    const sample = randomPairs(0x5eed, 5000, 63, 40);
    expect(
      sample.every(p => DNS_LABEL.test(p.namespace) && validName(p.name)),
    ).toBe(true);
    const wrong = sample.filter(p => {
      const back = parsePlatformNamespace(kitFormula(p.name, p.namespace));
      return back?.namespace !== p.namespace || back?.name !== p.name;
    });
    expect(wrong).toEqual([]);
  });

  it('the inverse refuses what the formula never produces', () => {
    for (const s of [
      'a-b-realtime',
      '--a-realtime',
      'a--realtime',
      'a--b',
      'a--b-c',
    ])
      expect({ s, back: parsePlatformNamespace(s) }).toEqual({
        s,
        back: undefined,
      });
  });

  it('negative control: the old formula <ns>-<name>-realtime maps distinct pairs to one namespace', () => {
    const found = collisions(pairs, oldFormula);
    expect(found.length).toBeGreaterThan(0);
    expect(oldFormula('c', 'a-b')).toBe(oldFormula('b-c', 'a'));
    const { namespace, name } = found[0][1];
    const back = parsePlatformNamespace(oldFormula(name, namespace));
    expect(back).not.toEqual({ namespace, name });
  });

  it('negative control: without the "--" rule on component names, the new formula collides too', () => {
    const unrestricted = all.flatMap(namespace =>
      all.map(name => ({ namespace, name })),
    );
    const found = collisions(unrestricted, kitFormula);
    expect(found.length).toBeGreaterThan(0);
    expect(kitFormula('b--a', 'a')).toBe(kitFormula('a', 'a--b'));
  });
});

/** Evaluates the definition's `_platformNamespace` (and `_checks`) with the real cue. */
async function cueNamespaces(
  pairs: Pair[],
): Promise<{ code: number; values?: string[]; stderr: string }> {
  const def = kit.definitions.get('realtime-platform')!;
  const src = [
    `import (\n${def.imports.map(i => `\t${JSON.stringify(i)}`).join('\n')}\n)`,
    'out: {',
    ...pairs.map((p, i) => {
      const component: OamComponent = {
        name: p.name,
        type: 'realtime-platform',
        properties: {},
      };
      const application: OamApplication = {
        file: 'x.yaml',
        name: 'x',
        namespace: p.namespace,
        labels: {},
        annotations: {},
        components: [component],
      };
      const ctx = kubevelaContext(application, component);
      return `"${i}": {\n${def.body}\ncontext: ${JSON.stringify(
        ctx,
      )}\nparameter: {}\nplatformNamespace: _platformNamespace\n}`;
    }),
    '}',
  ].join('\n');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'namespaces-test-'));
  try {
    const file = path.join(dir, 'ns.cue');
    fs.writeFileSync(file, src);
    const res = await run(cueBinary(), [
      'export',
      file,
      '--out',
      'json',
      '-e',
      'out',
    ]);
    if (res.code !== 0) return { code: res.code, stderr: res.stderr };
    const out = JSON.parse(res.stdout);
    return {
      code: 0,
      values: pairs.map((_, i) => out[String(i)].platformNamespace),
      stderr: '',
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the kit agrees with what the definitions render', () => {
  // Pairs the definition accepts: name at most 40, namespace at most 63 characters.
  const accepted = (p: Pair) =>
    p.name.length <= 40 &&
    kitFormula(p.name, p.namespace).length <= NAMESPACE_MAX_LENGTH;
  const generated = randomPairs(0xc0ffee, 400, 40, 30)
    .filter(accepted)
    .slice(0, 60);
  const edge: Pair[] = [
    { namespace: 'a-b', name: 'c' },
    { namespace: 'a', name: 'b-c' },
    { namespace: 'n'.repeat(12), name: 'a'.repeat(40) },
    { namespace: 'a--b', name: 'c' },
  ];

  it('the real cue evaluates _platformNamespace to platformNames().platformNamespace', async () => {
    const sample = [...edge, ...generated];
    expect(sample.length).toBeGreaterThan(40);
    const res = await cueNamespaces(sample);
    expect(res.stderr).toBe('');
    expect(res.values).toEqual(
      sample.map(p => kitFormula(p.name, p.namespace)),
    );
    expect(new Set(res.values).size).toBe(sample.length);
  });

  it('the real cue rejects every component name with "--" up to length 4', async () => {
    const bad = labels(['a', 'b', '-'], 4).filter(n => n.includes('--'));
    expect(bad).toEqual(['a--a', 'a--b', 'b--a', 'b--b']);
    const results = await check(
      bad.map(name => app('x', [{ name, type: 'realtime-platform' }], 'a')),
    );
    for (const [i, fv] of results.entries()) {
      expect(fv.valid).toBe(false);
      expect(fv.issues.map(x => [x.field, x.message, x.fix])).toEqual([
        [
          'name',
          `component name "${bad[i]}" contains "--", which is reserved as the separator of the platform namespace <app-namespace>--<name>-realtime`,
          'use single dashes in the component name',
        ],
      ]);
    }
  });

  it('the kit render (CUE, then the Composition) creates the Namespace platformNames() names, for generated applications', async () => {
    const sample = [edge[0], edge[1], ...generated.slice(0, 2)];
    const results = await check(
      sample.map(p =>
        app('x', [{ name: p.name, type: 'realtime-platform' }], p.namespace),
      ),
    );
    results.forEach((fv, i) => {
      const expected = kitFormula(sample[i].name, sample[i].namespace);
      expect(fv.issues).toEqual([]);
      const ms = manifests(fv);
      expect(
        ms.filter(m => m.kind === 'Namespace').map(m => m.metadata.name),
      ).toEqual([expected]);
      // Only the secret-sync Role and RoleBinding on the source Secrets live in the application's.
      expect([
        ...new Set(
          ms
            .filter(m => m.kind !== 'Namespace')
            .map(
              m =>
                `${m.metadata.namespace}${
                  m.metadata.namespace === expected ? '' : ` ${m.kind}`
                }`,
            ),
        ),
      ]).toEqual([
        expected,
        `${sample[i].namespace} Role`,
        `${sample[i].namespace} RoleBinding`,
      ]);
    });
  });
});
