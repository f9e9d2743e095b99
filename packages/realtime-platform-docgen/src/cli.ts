import path from 'node:path';
import { findRoot } from '@internal/realtime-platform-kit';
import { REGENERATE_COMMAND } from './common';
import {
  compareDocs,
  describeStale,
  GeneratedDocs,
  writeDocs,
} from './docFiles';
import {
  DOC_PARTS,
  DocPart,
  DocsTimings,
  generateDocs,
  referenceDocs,
} from './docs';
import { LINK_GLOSSARY_USAGE, linkGlossary } from './prose/linkGlossary';
import { DocgenError } from './source';

const USAGE = `usage: realtime-docgen [generate] [--check] [--only PART,...] [--root DIR] [--out DIR] [--timings]
  regenerates every generated file of <root>/docs from platform/, the kit and the pages:
    reference  docs/reference/*.md (the configuration reference)
    guide      docs/user-guide/generated/*, docs/architecture/generated/* (realtime-kit outputs, tables)
    access     the generated blocks of docs/access/*.md (connection-secret tables)
  --check    writes nothing; exits 1 naming every stale, missing or orphaned file;
  --only     these parts only (default: ${DOC_PARTS.join(',')});
  --out DIR  the reference pages go to (or are compared in) DIR; implies --only reference;
  --timings  prints the milliseconds of each phase to stderr as JSON
${LINK_GLOSSARY_USAGE}`;

interface Options {
  root?: string;
  out?: string;
  check: boolean;
  parts: DocPart[];
  timings?: DocsTimings;
}

function parseArgs(argv: string[]): Options | undefined {
  const o: Options = { check: false, parts: [...DOC_PARTS] };
  const args = argv[0] === 'generate' ? argv.slice(1) : argv;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--root') o.root = args[++i];
    else if (a === '--out') o.out = args[++i];
    else if (a === '--check') o.check = true;
    else if (a === '--timings') o.timings = {};
    else if (a === '--only') {
      const parts = (args[++i] ?? '').split(',');
      if (!parts.every(p => (DOC_PARTS as readonly string[]).includes(p)))
        return undefined;
      o.parts = parts as DocPart[];
    } else return undefined;
  }
  if (o.root === '' || o.out === '') return undefined;
  return o;
}

function partsLabel(parts: DocPart[]): string {
  return parts.join(', ');
}

function report(
  docs: GeneratedDocs,
  o: Options,
  base: string,
  shown: (f: string) => string,
): number {
  for (const p of docs.problems)
    process.stderr.write(`realtime-docgen: ${p}\n`);
  if (o.check) {
    const stale = compareDocs(docs, base);
    for (const s of stale)
      process.stderr.write(`${describeStale({ ...s, file: shown(s.file) })}\n`);
    if (stale.length) {
      process.stderr.write(
        `the generated docs (${partsLabel(
          o.parts,
        )}) are stale: run ${REGENERATE_COMMAND}\n`,
      );
      return 1;
    }
    if (!docs.problems.length)
      process.stdout.write(
        `${docs.files.size} generated files up to date (${partsLabel(
          o.parts,
        )})\n`,
      );
  } else {
    const changed = writeDocs(docs, base);
    for (const f of changed) process.stdout.write(`updated ${shown(f)}\n`);
    process.stdout.write(
      `wrote ${docs.files.size} generated files (${partsLabel(o.parts)}), ${
        changed.length
      } changed\n`,
    );
  }
  return docs.problems.length ? 1 : 0;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'link-glossary') return linkGlossary(argv.slice(1));
  const o = parseArgs(argv);
  if (!o) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const repo = path.resolve(o.root ?? findRoot(process.cwd()));
  const out = o.out === undefined ? undefined : path.resolve(o.out);
  if (out) o.parts = ['reference'];
  let docs: GeneratedDocs;
  try {
    docs = out
      ? await referenceDocs(repo, '', o.timings)
      : await generateDocs(repo, o.parts, o.timings);
  } catch (e) {
    if (e instanceof DocgenError) {
      process.stderr.write(`realtime-docgen: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  if (o.timings) process.stderr.write(`${JSON.stringify(o.timings)}\n`);
  return out
    ? report(docs, o, out, f => path.join(out, f))
    : report(docs, o, repo, f => f);
}
