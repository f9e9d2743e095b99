/**
 * Markdown of the guide's generated tables. Unlike the reference's (src/markdown.ts), values are
 * shown as plain Markdown code spans: these tables hold names and images, no regular expressions.
 */
import { table as markdownTable } from '../markdown';

/** Inline code. */
export const code = (s: string): string => `\`${s}\``;

/** Plain text in a table cell: `<platform>` would otherwise be read as an HTML tag. */
export const text = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** A Markdown table; pipes in cells are escaped. */
export function table(head: string[], rows: string[][]): string {
  return markdownTable(
    head,
    rows.map(r => r.map(cell)),
  );
}
