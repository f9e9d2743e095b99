import fs from 'node:fs';
import path from 'node:path';
import { formatIssue } from '@internal/realtime-platform-kit';
import { PAGES } from './common';
import { measureEffects, ParameterEffect } from './effects';
import { checkNotes } from './notes';
import { constraintsPage, RejectedInput } from './pages/constraints';
import { securityPage } from './pages/security';
import { definitionPage } from './pages/definition';
import { indexPage } from './pages/index';
import { secretFacts, secretPage } from './pages/secret';
import { xrdPage } from './pages/xrd';
import { runProbes } from './probes';
import {
  DocgenError,
  ExampleFile,
  loadSource,
  ReferenceSource,
} from './source';
import { allParams, paramTree, Param } from './tree';

/** Generated pages: file name (relative to docs/reference) → content. */
export type ReferencePages = Map<string, string>;

const INVALID_DIR = 'platform/examples/invalid';

async function rejectedInputs(src: ReferenceSource): Promise<RejectedInput[]> {
  const dir = path.join(src.root, INVALID_DIR);
  if (!fs.existsSync(dir)) return [];
  const files = fs
    .readdirSync(dir)
    .filter(f => /\.ya?ml$/.test(f))
    .sort();
  const texts = files.map(f => ({
    file: `${INVALID_DIR}/${f}`,
    text: fs.readFileSync(path.join(dir, f), 'utf8'),
  }));
  const results = await src.kit.validateTexts(texts);
  return results.map((r, i) => {
    const expected = /^# expect: (.+)$/m.exec(texts[i].text)?.[1].trim();
    const messages = r.issues.map(formatIssue);
    if (!expected || r.valid || !messages.some(m => m.includes(expected))) {
      throw new DocgenError(
        `${texts[i].file}: expected to be rejected with "${
          expected ?? '(no # expect: line)'
        }", got: ${r.valid ? 'valid' : messages.join('; ')}`,
      );
    }
    return { repoPath: texts[i].file, expected, messages };
  });
}

/** The first full example that uses every definition: variants and probes start from it. */
function fullExample(src: ReferenceSource): ExampleFile {
  return (
    src.examples.find(
      e =>
        e.kind === 'full' &&
        src.definitions.every(d =>
          e.result.components.some(c => c.type === d.definition.name),
        ),
    ) ?? src.examples[0]
  );
}

async function effectsOf(src: ReferenceSource, trees: Map<string, Param>) {
  const full = fullExample(src);
  const text = fs.readFileSync(path.join(src.root, full.repoPath), 'utf8');
  const measured = await measureEffects(
    src.kit,
    text,
    src.definitions.map(d => ({
      type: d.definition.name,
      tree: trees.get(d.definition.name)!,
    })),
  );
  const out = new Map<string, ParameterEffect[]>();
  for (const [type, effects] of measured) {
    const byPath = new Map(allParams(trees.get(type)!).map(p => [p.path, p]));
    // Objects that are not optional have no value of their own: their fields are measured.
    out.set(
      type,
      effects.filter(e => {
        const p = byPath.get(e.path)!;
        return p.type !== 'object' || p.optional;
      }),
    );
  }
  return out;
}

/**
 * The change effects the reference's constraints page states, with the full example they were
 * measured on: what a cluster test replays against a real API server.
 */
export async function referenceEffects(root: string): Promise<{
  exampleFile: string;
  effects: Map<string, ParameterEffect[]>;
}> {
  const src = await loadSource(root);
  const trees = new Map(
    src.definitions.map(d => [d.definition.name, paramTree(d.schema.openapi)]),
  );
  return {
    exampleFile: path.join(src.root, fullExample(src).repoPath),
    effects: await effectsOf(src, trees),
  };
}

/** Milliseconds spent per phase of one generation. */
export interface GenerationTimings {
  /** Definitions, schemas (cue def) and rendering the examples. */
  load: number;
  /** Rendering one variant per parameter and comparing the objects. */
  effects: number;
  /** Rendering the invalid examples and the examples' secret contracts. */
  checks: number;
  /** Writing the Markdown. */
  pages: number;
}

/**
 * Generates every page of docs/reference from the platform files below `root`.
 * Deterministic: the same platform/ tree (and git history) gives byte-identical pages.
 * `timings`, when given, receives the milliseconds of each phase.
 */
export async function generateReference(
  root: string,
  timings?: Partial<GenerationTimings>,
): Promise<ReferencePages> {
  const clock = (() => {
    let last = Date.now();
    return (phase: keyof GenerationTimings) => {
      const now = Date.now();
      if (timings) timings[phase] = now - last;
      last = now;
    };
  })();
  const src = await loadSource(root);
  const trees = new Map(
    src.definitions.map(d => [d.definition.name, paramTree(d.schema.openapi)]),
  );
  checkNotes(trees, src.kit.paths.compositions);
  clock('load');
  const effects = await effectsOf(src, trees);
  clock('effects');
  const full = fullExample(src);
  const [rejected, facts, probes] = await Promise.all([
    rejectedInputs(src),
    secretFacts(src),
    runProbes(
      src.kit,
      fs.readFileSync(path.join(src.root, full.repoPath), 'utf8'),
      full.repoPath,
    ),
  ]);
  clock('checks');
  const pages: ReferencePages = new Map();
  pages.set(PAGES.index, indexPage(src));
  for (const d of src.definitions)
    pages.set(PAGES.definition(d.definition.name), definitionPage(src, d));
  pages.set(PAGES.xrd, xrdPage(src));
  pages.set(PAGES.secret, secretPage(src, facts));
  pages.set(PAGES.constraints, constraintsPage(src, effects, rejected, probes));
  pages.set(PAGES.security, securityPage(src, full));
  for (const [k, v] of pages) pages.set(k, `${v.replace(/\n+$/, '')}\n`);
  clock('pages');
  return pages;
}

/** Writes the pages into `dir`, removing Markdown files the generator no longer produces. */
export function writeReference(pages: ReferencePages, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(dir)) {
    if (f.endsWith('.md') && !pages.has(f)) fs.rmSync(path.join(dir, f));
  }
  for (const [f, content] of pages)
    fs.writeFileSync(path.join(dir, f), content);
}

/** A committed page that differs from the generated one. */
export interface StalePage {
  page: string;
  reason: 'missing' | 'extra' | 'different';
  /** First differing line (1-based) and both versions of it. */
  line?: number;
  committed?: string;
  generated?: string;
}

/** Compares generated pages with the committed ones in `dir`. */
export function compareReference(
  pages: ReferencePages,
  dir: string,
): StalePage[] {
  const out: StalePage[] = [];
  const existing = fs.existsSync(dir)
    ? fs.readdirSync(dir).filter(f => f.endsWith('.md'))
    : [];
  for (const f of existing.filter(e => !pages.has(e)).sort())
    out.push({ page: f, reason: 'extra' });
  for (const [f, content] of [...pages].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    const file = path.join(dir, f);
    if (!fs.existsSync(file)) {
      out.push({ page: f, reason: 'missing' });
      continue;
    }
    const committed = fs.readFileSync(file, 'utf8');
    if (committed === content) continue;
    const a = committed.split('\n');
    const b = content.split('\n');
    let i = 0;
    while (i < Math.max(a.length, b.length) && a[i] === b[i]) i++;
    out.push({
      page: f,
      reason: 'different',
      line: i + 1,
      committed: a[i],
      generated: b[i],
    });
  }
  return out;
}
