/**
 * The prose of a hand-written Markdown page: the page with everything a reader does not read as
 * running text blanked out, at the same offsets, so a match in it is a position in the page.
 */
import { GENERATED_BLOCK } from '../access/pages';

/** A Markdown link (not an image) of a page's prose. */
export interface ProseLink {
  /** Offsets of the link text, between the brackets. */
  textStart: number;
  textEnd: number;
  /** Offsets of the destination, between the parentheses (a title excluded). */
  urlStart: number;
  urlEnd: number;
  url: string;
}

/** A page's prose and its links. */
export interface Prose {
  /**
   * The page with every non-prose part replaced character by character (newlines kept): by
   * spaces where it is markup or a whole line (so a blanked line reads as a blank line), by NUL
   * where it stands for a word (a code span, a URL), so that what is next to it is not at a
   * sentence start.
   */
  text: string;
  links: ProseLink[];
}

const blank = (s: string) => s.replace(/[^\n]/g, ' ');
const hide = (s: string) => s.replace(/[^\n]/g, '\0');

/** Replaces every match of `re` in `text` by `fill` of it. */
const mask = (text: string, re: RegExp, fill: (s: string) => string) =>
  text.replace(re, fill);

/** Fenced code blocks, fences included. */
function blankFences(text: string): string {
  let fence: string | undefined;
  return text
    .split('\n')
    .map(line => {
      const f = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence) {
        if (f && f[0] === fence[0] && f.length >= fence.length)
          fence = undefined;
        return blank(line);
      }
      if (f) fence = f;
      return f ? blank(line) : line;
    })
    .join('\n');
}

const HEADING = /^ {0,3}#{1,6}(\s|$)/;
/** Admonition and collapsible titles (`!!! note "Title"`, `??? note`): headings of their block. */
const ADMONITION = /^\s*(!!!|\?\?\?\+?)\s/;
const SNIPPET = /^\s*--8<--/;
const HTML_LINE = /^\s*<\/?[A-Za-z][^>]*>\s*$/;
const TABLE_DELIMITER = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** Headings, admonition titles, snippet includes, raw HTML lines, table header rows. */
function blankLines(text: string): string {
  const lines = text.split('\n');
  return lines
    .map((line, i) => {
      const header =
        /^\s*\|/.test(line) && TABLE_DELIMITER.test(lines[i + 1] ?? '');
      const delimiter =
        /^\s*\|/.test(lines[i - 1] ?? '') && TABLE_DELIMITER.test(line);
      return header ||
        delimiter ||
        HEADING.test(line) ||
        ADMONITION.test(line) ||
        SNIPPET.test(line) ||
        HTML_LINE.test(line)
        ? blank(line)
        : line;
    })
    .join('\n');
}

/** A code span: a run of backticks to the next equal run, within one paragraph. */
const CODE_SPAN = /(?<!`)(`+)(?!`)((?:(?!\n[ \t]*\n)[\s\S])*?[^`])\1(?!`)/g;
const LINK =
  /(!?)\[((?:[^[\]\n]|\n(?![ \t]*\n)|\[[^[\]]*\])*)\]\(\s*([^\s()]*)((?:\s+"[^"]*")?\s*)\)/g;
const AUTOLINK = /<[a-z]+:\/\/[^>\s]*>|\bhttps?:\/\/[^\s)>\]]+/g;
const HTML_TAG = /<\/?[A-Za-z][\w-]*(?:\s[^<>]*)?\/?>/g;
const ATTR_LIST = /\{:?\s*[#.][^}\n]*\}/g;

/**
 * The prose of a Markdown page. Blanked: fenced code blocks, HTML comments, generated blocks
 * (`<!-- BEGIN GENERATED: id -->` … `<!-- END GENERATED: id -->`), headings, admonition titles,
 * snippet includes, raw HTML, table header rows, code spans, images (alt text included), link
 * destinations and their brackets, URLs, attr_list braces. The text of every link stays, with
 * the link listed: whether it counts is the reader's business.
 */
export function proseOf(page: string): Prose {
  let text = blankFences(page);
  text = mask(text, GENERATED_BLOCK, blank);
  text = mask(text, /<!--[\s\S]*?-->/g, blank);
  text = mask(text, CODE_SPAN, hide);
  text = blankLines(text);
  const links: ProseLink[] = [];
  text = text.replace(
    LINK,
    (
      m,
      bang: string,
      label: string,
      url: string,
      _title: string,
      at: number,
    ) => {
      if (bang) return hide(m);
      const textStart = at + 1;
      const urlStart =
        textStart + label.length + 2 + m.slice(label.length + 3).search(/\S/);
      links.push({
        textStart,
        textEnd: textStart + label.length,
        urlStart,
        urlEnd: urlStart + url.length,
        url,
      });
      return ` ${label}${blank(m.slice(label.length + 1))}`;
    },
  );
  text = mask(text, AUTOLINK, hide);
  text = mask(text, HTML_TAG, blank);
  text = mask(text, ATTR_LIST, blank);
  return { text, links };
}

/**
 * Whether `index` of a prose starts a sentence: the first word of a paragraph, list item or
 * table cell, or the first after `.`, `!` or `?` (emphasis and brackets between do not count).
 */
export function sentenceStart(prose: string, index: number): boolean {
  const lineStart = prose.lastIndexOf('\n', index - 1) + 1;
  const lead = prose.slice(lineStart, index);
  if (/(?:[.!?]|\|)[\s*_("]*$/.test(lead)) return true;
  if (/^\s*(?:[-*+]|\d+\.)\s+[*_("]*$/.test(lead)) return true;
  if (!/^\s*[*_("]*$/.test(lead)) return false;
  if (lineStart === 0) return true;
  const previous = prose.slice(
    prose.lastIndexOf('\n', lineStart - 2) + 1,
    lineStart - 1,
  );
  return /^\s*$|[.!?][*_)"]*\s*$/.test(previous);
}
