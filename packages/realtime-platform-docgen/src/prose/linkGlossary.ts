/**
 * `realtime-docgen link-glossary [--check] [--root DIR] [PAGE...]`: links the first use of every
 * glossary term on the hand-written pages (or the pages given, repo-relative), or with --check
 * only names the uses that are not linked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { findRoot } from '@internal/realtime-platform-kit';
import {
  describeUse,
  handWrittenPages,
  LINK_GLOSSARY_COMMAND,
  linkFirstUses,
  unlinkedUses,
} from './firstUse';
import { checkedTerms, GLOSSARY, glossaryTerms } from './glossary';

/** Usage of the subcommand, for the CLI's usage text. */
export const LINK_GLOSSARY_USAGE = `realtime-docgen link-glossary [--check] [--root DIR] [PAGE...]
  links the first use of each glossary term (docs/glossary.md, Terms) on every hand-written page
  of <root>/docs, or on the PAGEs given (repo-relative), to the term's anchor;
  --check    writes nothing; exits 1 naming every first use that is not linked`;

/** Runs the subcommand; resolves to the exit code (2: bad arguments). */
export async function linkGlossary(args: string[]): Promise<number> {
  let root: string | undefined;
  let check = false;
  const pages: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--check') check = true;
    else if (args[i] === '--root') root = args[++i];
    else if (args[i].startsWith('-') || !args[i]) {
      process.stderr.write(`usage: ${LINK_GLOSSARY_USAGE}\n`);
      return 2;
    } else pages.push(args[i]);
  }
  const repo = path.resolve(root ?? findRoot(process.cwd()));
  const terms = checkedTerms(
    glossaryTerms(fs.readFileSync(path.join(repo, GLOSSARY), 'utf8')),
  );
  const targets = pages.length ? pages : handWrittenPages(repo);
  let found = 0;
  let changedPages = 0;
  for (const page of targets) {
    const file = path.join(repo, page);
    const text = fs.readFileSync(file, 'utf8');
    if (check) {
      const uses = unlinkedUses(page, text, terms);
      for (const u of uses) process.stderr.write(`${describeUse(u)}\n`);
      found += uses.length;
      continue;
    }
    const fixed = linkFirstUses(page, text, terms);
    if (!fixed.linked) continue;
    fs.writeFileSync(file, fixed.text);
    process.stdout.write(`linked ${fixed.linked} first uses in ${page}\n`);
    found += fixed.linked;
    changedPages++;
  }
  if (check) {
    if (found)
      process.stderr.write(
        `${found} first uses of glossary terms are not linked: run ${LINK_GLOSSARY_COMMAND} [PAGE...]\n`,
      );
    else
      process.stdout.write(
        `${targets.length} pages link the first use of every glossary term\n`,
      );
    return found ? 1 : 0;
  }
  process.stdout.write(
    `linked ${found} first uses on ${changedPages} of ${targets.length} pages\n`,
  );
  return 0;
}
