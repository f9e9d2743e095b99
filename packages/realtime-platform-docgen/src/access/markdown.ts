/** Markdown of the access pages' generated tables. */
import { table as markdownTable } from '../markdown';

/** Inline code. */
export const code = (s: string): string => `\`${s}\``;

/** A table cell: pipes escaped; outside `code`, < and > are escaped so `<platform>` is not read as HTML. */
export const cell = (s: string): string =>
  s
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ')
    .split('`')
    .map((part, i) =>
      i % 2 ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    )
    .join('`');

/** A Markdown table; every cell goes through {@link cell}. */
export function table(head: string[], rows: string[][]): string {
  return markdownTable(
    head,
    rows.map(r => r.map(cell)),
  );
}
