import path from 'node:path';
import { findRoot } from '@internal/realtime-platform-kit';
import { REGENERATE_COMMAND } from './common';
import {
  compareReference,
  GenerationTimings,
  generateReference,
  StalePage,
  writeReference,
} from './generate';
import { DocgenError } from './source';

const USAGE = `usage: realtime-docgen [--root DIR] [--out DIR] [--check] [--timings]
  writes the configuration reference (default DIR: <root>/docs/reference) from <root>/platform;
  --check compares instead of writing and exits 1 naming every stale page;
  --timings prints the milliseconds of each phase to stderr as JSON`;

function describe(s: StalePage, dir: string): string {
  const file = path.join(dir, s.page);
  if (s.reason === 'missing') return `${file}: missing`;
  if (s.reason === 'extra')
    return `${file}: not generated from platform/ (remove it)`;
  return `${file}: stale from line ${s.line}\n    committed: ${
    s.committed ?? '(end of file)'
  }\n    generated: ${s.generated ?? '(end of file)'}`;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  let root: string | undefined;
  let out: string | undefined;
  let check = false;
  let timings: Partial<GenerationTimings> | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--root') root = argv[++i];
    else if (a === '--out') out = argv[++i];
    else if (a === '--check') check = true;
    else if (a === '--timings') timings = {};
    else {
      process.stderr.write(`${USAGE}\n`);
      return 2;
    }
  }
  const repo = path.resolve(root ?? findRoot(process.cwd()));
  const dir = path.resolve(out ?? path.join(repo, 'docs', 'reference'));
  let pages;
  try {
    pages = await generateReference(repo, timings);
  } catch (e) {
    if (e instanceof DocgenError) {
      process.stderr.write(`realtime-docgen: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  if (timings) process.stderr.write(`${JSON.stringify(timings)}\n`);
  if (check) {
    const stale = compareReference(pages, dir);
    if (!stale.length) {
      process.stdout.write(`${dir}: ${pages.size} pages up to date\n`);
      return 0;
    }
    for (const s of stale) process.stderr.write(`${describe(s, dir)}\n`);
    process.stderr.write(
      `the configuration reference is stale: run ${REGENERATE_COMMAND}\n`,
    );
    return 1;
  }
  writeReference(pages, dir);
  process.stdout.write(`wrote ${pages.size} pages to ${dir}\n`);
  return 0;
}
