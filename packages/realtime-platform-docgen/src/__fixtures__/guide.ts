import fs from 'node:fs';
import path from 'node:path';
import { RenderResult } from '@internal/realtime-platform-kit';
import { ExampleContext, platformContext } from '../guide/architecture';
import { walk } from '../guide/docPages';
import { docsKit } from '../guide/docsKit';
import { MermaidDiagram, readMermaid } from '../guide/mermaid';
import { repoRoot } from './testing';

/** The diagrams of the architecture pages and the guide (checked both ways against the composition). */
export const OWN_DIAGRAMS = [
  'architecture-overview',
  'dataflow-device-ingest',
  'dataflow-services',
  'dataflow-lenses',
  'dataflow-analytics',
  'provisioning-flow',
  'component-relationships',
];
/** Those and the home page's, whose every edge must be what the platform builds. */
export const CHECKED_DIAGRAMS = [...OWN_DIAGRAMS, 'overview'];
/** The pages the guide checks own. */
export const OWN_PAGES_DIRS = ['docs/architecture', 'docs/user-guide'];

/** The repository's docs kit. */
export const docs = docsKit(repoRoot);

/** A repository file's text. */
export const read = (f: string): string =>
  fs.readFileSync(path.join(repoRoot, f), 'utf8');

/** Repo-relative paths of the Markdown pages below `dir`. */
export const pagesOf = (dir: string): string[] => walk(repoRoot, dir, '.md');

/** Every checked diagram, parsed. */
export function loadDiagrams(): Record<string, MermaidDiagram> {
  return Object.fromEntries(
    CHECKED_DIAGRAMS.map(n => [
      n,
      readMermaid(path.join(repoRoot, `docs/diagrams/${n}.mmd`)),
    ]),
  );
}

let rendered: Promise<RenderResult[]> | undefined;
/** Every example application rendered through the kit (once per test file). */
export function examples(): Promise<RenderResult[]> {
  rendered ??= docs.renderFiles(docs.examples);
  return rendered;
}

/** Every platform of every example, with its check context. */
export async function contexts(): Promise<ExampleContext[]> {
  return (await examples()).flatMap(r =>
    r.platforms.map(p => ({ file: r.file, ctx: platformContext(r, p) })),
  );
}
