import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { createKit } from '@internal/realtime-platform-kit';
import { repoRoot } from './__fixtures__/testing';
import { generateReference, ReferencePages } from './generate';
import { platformStamp } from './stamp';

jest.setTimeout(180_000);

/** A schema as cue and the XRD write it; walked here without the generator's code. */
interface Schema {
  type?: string;
  default?: unknown;
  enum?: unknown[];
  pattern?: string;
  not?: { pattern?: string };
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  properties?: Record<string, Schema>;
  items?: Schema;
}

interface Expected {
  path: string;
  default?: unknown;
  /** Strings the validation cell must contain. */
  rules: string[];
}

function expectedParams(
  schema: Schema,
  prefix = '',
  out: Expected[] = [],
): Expected[] {
  for (const [key, s] of Object.entries(schema.properties ?? {})) {
    const p = prefix ? `${prefix}.${key}` : key;
    const branches = [s, ...(s.allOf ?? [])];
    const own = branches.map(b => b.default).find(d => d !== undefined);
    const rules: string[] = [];
    for (const b of [
      ...branches,
      ...(s.items && !s.items.properties ? [s.items] : []),
    ]) {
      if (b.pattern) rules.push(b.pattern);
      if (b.not?.pattern) rules.push(b.not.pattern);
      for (const v of b.enum ?? []) rules.push(JSON.stringify(v));
      if (b.minimum !== undefined) rules.push(String(b.minimum));
      if (b.maximum !== undefined) rules.push(String(b.maximum));
    }
    out.push({
      path: p,
      default: own ?? (s.type === 'array' ? [] : undefined),
      rules,
    });
    expectedParams(s, p, out);
    if (s.items?.properties) expectedParams(s.items, `${p}[]`, out);
  }
  return out;
}

const decode = (cell: string) =>
  cell
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .trim();

/** Rows of the tables whose header is the parameter header, as decoded cells. */
function parameterRows(page: string): string[][] {
  const rows: string[][] = [];
  let inParams = false;
  for (const line of page.split('\n')) {
    if (!line.startsWith('|')) {
      inParams = false;
      continue;
    }
    const cells = line
      .slice(1, -1)
      .split('|')
      .map(c => c.trim());
    if (cells[0] === 'Name' && cells[5] === 'Allowed values / validation')
      inParams = true;
    else if (inParams && cells[0] !== '---') rows.push(cells.map(decode));
  }
  return rows;
}

function checkPage(page: string, expected: Expected[]) {
  const rows = parameterRows(page);
  const byPath = new Map<string, string[][]>();
  for (const r of rows) byPath.set(r[0], [...(byPath.get(r[0]) ?? []), r]);
  // Nothing is documented that the schema does not accept.
  expect([...byPath.keys()].sort()).toEqual(expected.map(e => e.path).sort());
  for (const e of expected) {
    const found = byPath.get(e.path)!;
    expect({ path: e.path, rows: found.length }).toEqual({
      path: e.path,
      rows: 1,
    });
    const [, , , , def, validation] = found[0];
    if (e.default !== undefined)
      expect({ path: e.path, def }).toEqual({
        path: e.path,
        def: JSON.stringify(e.default),
      });
    else expect(['—', 'defaults of its fields']).toContain(def);
    for (const rule of e.rules)
      expect({ path: e.path, validation }).toEqual({
        path: e.path,
        validation: expect.stringContaining(rule),
      });
  }
}

describe('the generated reference', () => {
  let pages: ReferencePages;
  // platform/ may be edited while the tests run: the stamp must be one of these two.
  let hashes: string[];
  beforeAll(async () => {
    const before = platformStamp(repoRoot).hash;
    pages = await generateReference(repoRoot);
    hashes = [before, platformStamp(repoRoot).hash].map(h => h.slice(0, 16));
  });

  it('documents every parameter each definition accepts exactly once, with its cue default and validation', async () => {
    const kit = createKit({ paths: { root: repoRoot } });
    for (const type of kit.componentTypes) {
      const { openapi } = await kit.schema(type);
      const expected = expectedParams(openapi);
      expect(expected.length).toBeGreaterThan(10);
      checkPage(pages.get(`${type}.md`)!, expected);
    }
  });

  it('documents every spec field of the XRD exactly once, read straight from the YAML file', () => {
    const xrd = parseAllDocuments(
      fs.readFileSync(
        path.join(repoRoot, 'platform/realtime-compositions.yaml'),
        'utf8',
      ),
    )
      .map(d => d.toJS())
      .find(d => d?.kind === 'CompositeResourceDefinition');
    const version = xrd.spec.versions.find(
      (v: { served: boolean }) => v.served,
    );
    const spec = version.schema.openAPIV3Schema.properties.spec as Schema;
    const expected = expectedParams(spec);
    expect(expected.length).toBeGreaterThan(10);
    checkPage(pages.get('realtime-platform-xrd.md')!, expected);
  });

  it('lists the realtime-webservice realtime integration before its other parameters', () => {
    const names = parameterRows(pages.get('realtime-webservice.md')!).map(
      r => r[0],
    );
    expect(names.slice(0, 3)).toEqual(['realtime', 'produces', 'consumes']);
  });

  it('is byte-identical when generated again', async () => {
    const again = await generateReference(repoRoot);
    expect([...again.keys()]).toEqual([...pages.keys()]);
    for (const [name, content] of again)
      expect({ name, content }).toEqual({ name, content: pages.get(name) });
  });

  it('keeps the anchors other pages link to, and every link inside it lands on an anchor', () => {
    const ids = new Map<string, Set<string>>();
    for (const [name, content] of pages) {
      const set = new Set<string>();
      for (const m of content.matchAll(
        /<a id="([^"]+)"><\/a>|\{ #([^ }]+) \}/g,
      ))
        set.add(m[1] ?? m[2]);
      ids.set(name, set);
    }
    for (const id of [
      'kafka-replicas',
      'topics-name',
      'mqtt-bridges-kafka-topic',
      'lenses',
      'area-mqtt',
      'resources-connect-replicas',
    ])
      expect(ids.get('realtime-platform.md')!.has(id)).toBe(true);
    for (const id of [
      'realtime',
      'produces',
      'image',
      'env-name',
      'area-realtime',
    ])
      expect(ids.get('realtime-webservice.md')!.has(id)).toBe(true);
    for (const id of ['kafka_bootstrap_servers', 'postgres_url', 'topic-name'])
      expect(ids.get('connection-secret.md')!.has(id)).toBe(true);
    const broken: string[] = [];
    for (const [name, content] of pages) {
      for (const m of content.matchAll(/\]\(([a-z0-9-]*\.md)?#([^)]+)\)/g)) {
        const target = m[1] ?? name;
        if (!ids.get(target)?.has(m[2]))
          broken.push(`${name} → ${target}#${m[2]}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('includes the minimal and the full example files verbatim (snippets) and stamps every page', () => {
    for (const name of [
      'realtime-platform.md',
      'realtime-webservice.md',
      'realtime-platform-xrd.md',
      'connection-secret.md',
    ]) {
      const page = pages.get(name)!;
      const includes = [...page.matchAll(/--8<-- "([^"]+)"/g)].map(m => m[1]);
      expect(includes).toEqual(
        expect.arrayContaining([
          'platform/examples/MINIMAL-REALTIME-OAM.yaml',
          'platform/examples/REALTIME-OAM-EXAMPLE.yaml',
        ]),
      );
      for (const f of includes)
        expect(fs.existsSync(path.join(repoRoot, f))).toBe(true);
    }
    for (const [, page] of pages) {
      const stamped = /sha256&#58;([0-9a-f]{16})/.exec(page)?.[1];
      expect(hashes).toContain(stamped);
    }
  });

  it('derives interdependencies from the definitions and change effects from rendered variants', () => {
    const page = decode(pages.get('constraints.md')!);
    // A _checks rule of the definition, with the parameters it reads.
    expect(page).toMatch(
      /for i, t in parameter\.topics if t\.replicationFactor > parameter\.kafka\.replicas.*kafka\.replicas.*topics\[\]\.replicationFactor/,
    );
    // Rows of a folded table are indented under their `??? note`.
    const row = (p: string) =>
      page
        .split('\n')
        .map(l => l.trim())
        .find(l => l.startsWith(`| [${p}]`)) ?? '';
    expect(row('kafka.storage')).toMatch(
      /StatefulSet kafka.*volumeClaimTemplates.*\*\*yes\*\* \|$/,
    );
    expect(row('resources.connectReplicas')).toMatch(
      /Deployment connect changed \(spec\.replicas\).*scaled.*\| no \|$/,
    );
    expect(row('lenses')).toMatch(/Deployment lenses-hq deleted/);
    expect(row('realtime')).toMatch(
      /status-page: \(not set\) → "telemetry".*Deployment status-page changed/,
    );
    // Cross-component rules of the kit, proven by rendering a violation.
    expect(page).toMatch(
      /every entry of produces is a topic declared by that platform.*topic "no-such-topic" is not declared by platform "telemetry"/,
    );
    expect(row('port')).toMatch(/Service ingest changed \(spec\.ports\)/);
  });
});
