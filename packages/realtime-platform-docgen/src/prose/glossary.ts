/**
 * The glossary's terms, read from its Terms table, and the rules for finding them in prose. The
 * terms and their anchors live only in docs/glossary.md: each form in a row's first cell is
 * written `**term**{ #id }` (attr_list), which MkDocs renders as `<strong id="id">`.
 */

/** The glossary page: its placeholders table and its Terms table. */
export const GLOSSARY = 'docs/glossary.md';

/** One form of a glossary term (a row may have two: `composite resource (XR)`). */
export interface GlossaryTerm {
  /** The form as the glossary writes it (`KRaft`, `composite resource`). */
  term: string;
  /** Its anchor in the glossary (`kraft`). */
  id: string;
}

/**
 * Terms the first-use check leaves alone, each with why. A term here that the glossary no longer
 * defines fails the check's test.
 */
export const UNCHECKED: Record<string, string> = {
  claim:
    'every "claim" on the pages is a PersistentVolumeClaim (volume claims); Crossplane v1 claims appear only in the glossary',
};

const TERM_CELL = /\*\*([^*]+)\*\*\{ #([\w-]+) \}/g;

/** Every term form of the glossary's Terms table; throws naming a row whose term has no anchor. */
export function glossaryTerms(glossary: string): GlossaryTerm[] {
  const section =
    glossary.split(/^## /m).find(s => s.startsWith('Terms')) ?? '';
  const rows = section
    .split('\n')
    .filter(l => l.startsWith('|') && !/^\| (Term|-+) \|/.test(l));
  if (!rows.length) throw new Error(`${GLOSSARY}: no Terms table`);
  return rows.flatMap(row => {
    const cell = row.split('|')[1].trim();
    const forms = [...cell.matchAll(TERM_CELL)].map(m => ({
      term: m[1],
      id: m[2],
    }));
    if (!forms.length)
      throw new Error(
        `${GLOSSARY}: the term "${cell}" has no anchor: write it **${cell}**{ #<id> }`,
      );
    return forms;
  });
}

/** The terms whose first use on a page must link to the glossary. */
export function checkedTerms(terms: GlossaryTerm[]): GlossaryTerm[] {
  return terms.filter(t => !(t.term in UNCHECKED));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The pattern of a term in prose: whole words (a term inside a path, a longer name or a
 * lower-case compound such as `kwok-simulated` is not a use), the words split by any white space
 * (pages are wrapped), an optional plural `s`. A lower-case term also matches with its first
 * letter capitalised; {@link needsSentenceStart} tells which matches must then start a sentence.
 */
export function termPattern(term: string): RegExp {
  const [first, rest] = [term[0], term.slice(1)];
  const head =
    first.toLowerCase() === first && first.toUpperCase() !== first
      ? `[${first}${first.toUpperCase()}]`
      : escape(first);
  const words = escape(rest).replace(/ +/g, '\\s+');
  return new RegExp(`(?<![\\w/.-])${head}${words}s?(?!\\w|[-/][a-z0-9])`, 'g');
}

/** Whether a match of `term` is its capitalised form, which counts only at a sentence start. */
export function needsSentenceStart(term: string, match: string): boolean {
  return match[0] !== term[0];
}
