/**
 * The connection-secret tables of docs/access/*.md, generated from the kit's contract, and the
 * check that every example in docs/access/snippets reads only keys of that contract. A generated
 * block sits between `<!-- BEGIN GENERATED: <id> -->` and `<!-- END GENERATED: <id> -->`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { RealtimeKit } from '@internal/realtime-platform-kit';
import { GeneratedDocs } from '../docFiles';
import { accessBlocks } from './blocks';
import { EXTRA_ENV } from './contract';

/** The pages holding generated blocks (repo-relative). */
export const ACCESS_PAGES = [
  'docs/access/index.md',
  'docs/access/secrets.md',
  'docs/access/rotation.md',
];
/** The client examples the pages include. */
export const SNIPPETS = 'docs/access/snippets';
/** Directories whose pages' pymdownx.snippets includes must exist. */
const INCLUDING_DIRS = ['docs/access', 'docs/operations'];

/** A generated block of a page, its markers included. */
export const GENERATED_BLOCK =
  /(<!-- BEGIN GENERATED: ([a-z-]+) -->\n)([\s\S]*?)(<!-- END GENERATED: \2 -->)/g;

/** Replaces the body of every generated block of `text`; throws on a block id it has no content for. */
export function replaceBlocks(
  text: string,
  blocks: Record<string, string>,
  file: string,
): string {
  return text.replace(
    GENERATED_BLOCK,
    (_m, begin: string, id: string, _body: string, end: string) => {
      if (!(id in blocks))
        throw new Error(`${file}: unknown generated block ${id}`);
      return `${begin}${blocks[id]}\n${end}`;
    },
  );
}

/** The block ids a page holds. */
export function blockIds(text: string): string[] {
  return [...text.matchAll(/<!-- BEGIN GENERATED: ([a-z-]+) -->/g)].map(
    m => m[1],
  );
}

/** Env var names each snippet (`.py`, `.js` file of `dir`) reads, by file name. */
export function snippetEnv(dir: string): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const f of fs.readdirSync(dir).sort()) {
    if (!/\.(py|js)$/.test(f)) continue;
    const src = fs.readFileSync(path.join(dir, f), 'utf8');
    const names = new Set<string>();
    for (const m of src.matchAll(
      /os\.environ(?:\.get)?[[(]\s*["']([A-Z0-9_]+)["']/g,
    ))
      names.add(m[1]);
    for (const m of src.matchAll(/process\.env\.([A-Z0-9_]+)/g))
      names.add(m[1]);
    found[f] = [...names];
  }
  return found;
}

/** Includes (`--8<-- "file"`) of the pages in `dirs` whose file does not exist. */
export function missingIncludes(root: string, dirs: string[]): string[] {
  const out: string[] = [];
  for (const dir of dirs) {
    for (const f of fs
      .readdirSync(path.join(root, dir))
      .filter(n => n.endsWith('.md'))) {
      const text = fs.readFileSync(path.join(root, dir, f), 'utf8');
      for (const m of text.matchAll(/--8<-- "([^"]+)"/g)) {
        if (!fs.existsSync(path.join(root, m[1])))
          out.push(`${dir}/${f} includes ${m[1]}, which does not exist`);
      }
    }
  }
  return out;
}

/**
 * The access pages with their generated blocks regenerated, plus the problems: a block no page
 * holds, a snippet reading a variable that is neither a contract key nor a documented extra, an
 * include of a file that does not exist.
 */
export async function generateAccess(
  kit: RealtimeKit,
  root: string,
): Promise<GeneratedDocs> {
  const { blocks, platform } = await accessBlocks(kit, root);
  const files = new Map<string, string>();
  const used = new Set<string>();
  for (const page of ACCESS_PAGES) {
    const file = path.join(root, page);
    if (!fs.existsSync(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    for (const id of blockIds(text)) used.add(id);
    files.set(page, replaceBlocks(text, blocks, page));
  }
  const problems = Object.keys(blocks)
    .filter(id => !used.has(id))
    .map(id => `no page holds the generated block ${id}`);
  const contract = new Set(platform.keys.map(k => k.key));
  for (const [file, names] of Object.entries(
    snippetEnv(path.join(root, SNIPPETS)),
  )) {
    for (const n of names) {
      if (!contract.has(n) && !(n in EXTRA_ENV))
        problems.push(
          `${SNIPPETS}/${file} reads ${n}, which is not a key of ${platform.secretName} nor a documented extra`,
        );
    }
  }
  problems.push(...missingIncludes(root, INCLUDING_DIRS));
  return { files, ownedDirs: [], problems };
}
