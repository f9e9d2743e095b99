/**
 * The glossary check: on every hand-written page, the first use of each glossary term in prose is
 * a link to the term's anchor in docs/glossary.md; and the fixer that makes it one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { preamble } from '../common';
import { walk } from '../guide/docPages';
import {
  GLOSSARY,
  GlossaryTerm,
  needsSentenceStart,
  termPattern,
} from './glossary';
import { Prose, ProseLink, proseOf, sentenceStart } from './proseText';

/** The command that links the first uses (all hand-written pages, or the pages given). */
export const LINK_GLOSSARY_COMMAND =
  'node packages/realtime-platform-docgen/bin/realtime-docgen link-glossary';

/** The first use of a term on a page that is not the link it must be. */
export interface UnlinkedUse {
  term: GlossaryTerm;
  page: string;
  line: number;
  /** The use as the page writes it (`ACLs`, `Schema registry`). */
  text: string;
  /** Its offsets in the page. */
  start: number;
  end: number;
  /** The link to the glossary the use is the text of, when it points elsewhere than it must. */
  link?: ProseLink;
  /** What the page must write instead: `[text](../glossary.md#id)`. */
  fix: string;
}

/** Repo-relative paths of the pages the check reads: docs/**.md but the glossary and generated pages. */
export function handWrittenPages(root: string): string[] {
  const generated = preamble()[0];
  return walk(root, 'docs', '.md')
    .filter(p => p !== GLOSSARY)
    .filter(
      p => !fs.readFileSync(path.join(root, p), 'utf8').startsWith(generated),
    )
    .sort();
}

/** The glossary anchor of `id` as a link from `page`. */
export function glossaryHref(page: string, id: string): string {
  return `${path.posix.relative(path.posix.dirname(page), GLOSSARY)}#${id}`;
}

const aimsAtGlossary = (url: string) =>
  path.posix.basename(url.split('#')[0]) === path.posix.basename(GLOSSARY);

/** Whether a link of `page` points at the glossary anchor `id` (`./glossary.md#id` as well). */
function pointsAt(page: string, url: string, id: string): boolean {
  const [file, anchor] = url.split('#');
  return (
    path.posix.join(path.posix.dirname(page), file) === GLOSSARY &&
    anchor === id
  );
}

/**
 * Whether the occurrence is inside the text of a link to another term of the glossary that the
 * text also names (`[provider-kubernetes Object](glossary.md#object)`): that link is the other
 * term's, so it is not this term's use.
 */
function otherTermsLink(
  prose: Prose,
  link: ProseLink,
  term: GlossaryTerm,
  terms: GlossaryTerm[],
): boolean {
  const anchor = link.url.split('#')[1];
  const label = prose.text.slice(link.textStart, link.textEnd);
  return terms.some(
    t => t !== term && t.id === anchor && termPattern(t.term).test(label),
  );
}

function firstUse(
  page: string,
  text: string,
  prose: Prose,
  term: GlossaryTerm,
  terms: GlossaryTerm[],
): UnlinkedUse | undefined {
  const href = glossaryHref(page, term.id);
  for (const m of prose.text.matchAll(termPattern(term.term))) {
    const start = m.index!;
    const end = start + m[0].length;
    if (
      needsSentenceStart(term.term, m[0]) &&
      !sentenceStart(prose.text, start)
    )
      continue;
    const link = prose.links.find(
      l => l.textStart <= start && end <= l.textEnd,
    );
    if (link && !aimsAtGlossary(link.url)) continue;
    if (link && otherTermsLink(prose, link, term, terms)) continue;
    if (link && pointsAt(page, link.url, term.id)) return undefined;
    const used = text.slice(start, end);
    return {
      term,
      page,
      line: text.slice(0, start).split('\n').length,
      text: used,
      start,
      end,
      link,
      fix: `[${
        link ? text.slice(link.textStart, link.textEnd) : used
      }](${href})`,
    };
  }
  return undefined;
}

/** The first uses of `terms` on a page that are not linked to their glossary anchor, in page order. */
export function unlinkedUses(
  page: string,
  text: string,
  terms: GlossaryTerm[],
): UnlinkedUse[] {
  const prose = proseOf(text);
  return terms
    .flatMap(t => firstUse(page, text, prose, t, terms) ?? [])
    .sort((a, b) => a.start - b.start);
}

/** A finding as the check prints it: `page:line: first use of "term" ...: write [...](...)`. */
export function describeUse(u: UnlinkedUse): string {
  const what = u.link ? `links to ${u.link.url}` : 'is not linked';
  const write = u.fix.replace(/\s+/g, ' ');
  return `${u.page}:${u.line}: first use of "${u.term.term}" ${what}: write ${write}`;
}

/**
 * The page with the first use of every term linked to its glossary anchor (a link to a wrong
 * anchor gets the right one), and how many uses that changed.
 */
export function linkFirstUses(
  page: string,
  text: string,
  terms: GlossaryTerm[],
): { text: string; linked: number } {
  let linked = 0;
  let current = text;
  // A use may overlap another term's (one link each): link those apart, one pass at a time.
  for (let pass = 0; pass < 10; pass++) {
    const uses = unlinkedUses(page, current, terms);
    if (!uses.length) break;
    const edits = uses
      .map(u =>
        u.link
          ? {
              from: u.link.urlStart,
              to: u.link.urlEnd,
              insert: glossaryHref(page, u.term.id),
            }
          : { from: u.start, to: u.end, insert: u.fix },
      )
      .sort((a, b) => a.from - b.from);
    let out = '';
    let at = 0;
    for (const e of edits) {
      if (e.from < at) continue;
      out += current.slice(at, e.from) + e.insert;
      at = e.to;
      linked++;
    }
    current = out + current.slice(at);
  }
  return { text: current, linked };
}
