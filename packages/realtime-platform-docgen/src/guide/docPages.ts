import fs from 'node:fs';
import path from 'node:path';

/** Repo-relative paths of the files below `dir` (repo-relative) whose name ends with `ext`. */
export function walk(root: string, dir: string, ext: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { withFileTypes: true })
    .flatMap(e => {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory()) return walk(root, p, ext);
      return p.endsWith(ext) ? [p] : [];
    });
}

/** A fenced code block of a page. */
export interface CodeBlock {
  lang: string;
  body: string;
  /** Offset of the opening fence in the page. */
  index: number;
}

/** Fenced code blocks of a page (fences may be indented). */
export function codeBlocks(text: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  let open: { lang: string; lines: string[]; index: number } | undefined;
  let offset = 0;
  for (const line of text.split('\n')) {
    const fence = /^\s*```\s*([\w-]*)/.exec(line);
    if (fence && !open) open = { lang: fence[1], lines: [], index: offset };
    else if (fence && open) {
      blocks.push({
        lang: open.lang,
        body: open.lines.join('\n'),
        index: open.index,
      });
      open = undefined;
    } else if (open) open.lines.push(line);
    offset += line.length + 1;
  }
  return blocks;
}

/** Files a page includes with pymdownx.snippets (`--8<-- "file"`, `file:section` kept). */
export const includes = (text: string): string[] =>
  [...text.matchAll(/^\s*--8<--\s+"([^"]+)"/gm)].map(m => m[1]);
