/**
 * The architecture pages and the user guide say only what the platform builds: includes resolve,
 * every part has its section, no YAML and no realtime-kit output is typed into a page, typed
 * cluster outputs are marked illustrative, screenshots exist. (Whether the generated files are
 * current is the `realtime-docgen --check` stage.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { OWN_PAGES_DIRS, docs, pagesOf, read } from '../__fixtures__/guide';
import { repoRoot } from '../__fixtures__/testing';
import { PARTS, PARTS_FILE } from './architecture';
import { COMMANDS, GUIDE_OUT } from './commands';
import { codeBlocks, includes } from './docPages';

const ownPages = () => OWN_PAGES_DIRS.flatMap(pagesOf);
const COMMANDS_FILE = 'packages/realtime-platform-docgen/src/guide/commands.ts';

describe('guide and architecture pages', () => {
  it('every include of a page resolves (pymdownx.snippets skips a missing file silently)', () => {
    const failures: string[] = [];
    for (const page of pagesOf('docs')) {
      for (const inc of includes(read(page))) {
        const [file, section] = inc.split(/:(?=[A-Za-z][\w-]*$)/);
        if (!fs.existsSync(path.join(repoRoot, file)))
          failures.push(`${page}: includes ${file}, which does not exist`);
        else if (section && !read(file).includes(`--8<-- [start:${section}]`))
          failures.push(`${page}: ${file} has no section ${section}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('the architecture page describes every part it lists', () => {
    const page = read('docs/architecture/index.md');
    expect(page).toMatch(/--8<-- "docs\/architecture\/generated\/parts.txt"/);
    const headings = [...page.matchAll(/^### (.+)$/gm)].map(m => m[1].trim());
    const failures: string[] = [];
    for (const p of PARTS.filter(x => x.resources || x.id === 'webservice'))
      if (!headings.includes(p.label))
        failures.push(
          `docs/architecture/index.md has no "### ${p.label}" section (purpose and role)`,
        );
    for (const h of headings)
      if (!PARTS.some(p => p.label === h))
        failures.push(
          `docs/architecture/index.md describes "${h}", which is not a part (${PARTS_FILE})`,
        );
    expect(failures).toEqual([]);
  });

  it('the guide and architecture pages type no YAML: every YAML block is an include', () => {
    const failures: string[] = [];
    for (const page of ownPages()) {
      for (const b of codeBlocks(read(page)).filter(x =>
        /^ya?ml$/.test(x.lang),
      )) {
        const lines = b.body
          .split('\n')
          .map(l => l.trim())
          .filter(Boolean);
        if (!lines.every(l => /^--8<--\s+"[^"]+"$/.test(l)))
          failures.push(
            `${page}: a YAML block is typed into the page; include a file the tests validate instead:\n${b.body.slice(
              0,
              200,
            )}`,
          );
      }
    }
    // Every use-case application of the guide is shown on a page.
    const shown = new Set(ownPages().flatMap(p => includes(read(p))));
    for (const f of docs.examples.filter(e => e.startsWith('docs/')))
      if (!shown.has(f))
        failures.push(`${f} is not included by any guide page`);
    expect(failures).toEqual([]);
  });

  it('the realtime-kit commands of the guide are the generated ones, and each output is shown', () => {
    const known = new Set(COMMANDS.map(c => c.cmd));
    const includedOutputs = new Set<string>();
    const failures: string[] = [];
    for (const page of ownPages()) {
      const text = read(page);
      for (const f of includes(text))
        if (f.startsWith(`${GUIDE_OUT}/`)) includedOutputs.add(f);
      for (const block of codeBlocks(text)) {
        for (const line of block.body.split('\n')) {
          const cmd = line.trim().replace(/^\$ /, '');
          if (/^realtime-kit\s/.test(cmd) && !known.has(cmd))
            failures.push(
              `${page}: "${cmd}" is typed, not generated: add it to COMMANDS in ${COMMANDS_FILE} and include its output`,
            );
        }
      }
    }
    for (const c of COMMANDS)
      if (!includedOutputs.has(`${GUIDE_OUT}/${c.out}`))
        failures.push(`${GUIDE_OUT}/${c.out} (${c.cmd}) is shown by no page`);
    expect(failures).toEqual([]);
  });

  it('cluster command outputs are marked illustrative', () => {
    const failures: string[] = [];
    for (const page of ownPages()) {
      const text = read(page);
      const typed = codeBlocks(text).filter(
        b => b.lang === 'text' && !/^\s*--8<--/.test(b.body),
      );
      for (const b of typed) {
        const before = text.slice(Math.max(0, b.index - 400), b.index);
        if (!/Illustrative output/.test(before))
          failures.push(
            `${page}: a typed output block is not marked "Illustrative output":\n${b.body.slice(
              0,
              120,
            )}`,
          );
      }
    }
    expect(failures).toEqual([]);
  });

  it('every screenshot the guide shows exists and is committed under docs/user-guide/img', () => {
    const failures: string[] = [];
    for (const page of ownPages()) {
      for (const m of read(page).matchAll(/!\[[^\]]*\]\(([^)]+\.png)\)/g)) {
        const file = path.join(path.dirname(path.join(repoRoot, page)), m[1]);
        if (!fs.existsSync(file))
          failures.push(
            `${page}: ${m[1]} does not exist (run scripts/docs/refresh-screenshots.sh after make e2e)`,
          );
        if (!path.relative(repoRoot, file).startsWith('docs/user-guide/img/'))
          failures.push(`${page}: screenshots live in docs/user-guide/img`);
      }
    }
    expect(failures).toEqual([]);
  });
});
