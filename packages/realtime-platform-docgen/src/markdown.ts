/**
 * Markdown building blocks. Every value that comes from the definitions (regular expressions,
 * defaults, descriptions) goes through {@link code} or {@link text}, which turn every
 * punctuation character into an HTML entity: inside a table cell no pipe, backtick, asterisk,
 * caret or tilde can then be read as Markdown (pymdownx caret, tilde, critic, smartsymbols and
 * magiclink are all enabled by techdocs-core).
 */

const CODE_MARKUP = /[&<>|`*_[\]{}^~=+#!:()\\$/]/g;

/** Replaces HTML and Markdown syntax characters (and `/`, for smartsymbols' fractions) by numeric entities. */
export function entities(s: string): string {
  return s.replace(CODE_MARKUP, ch => `&#${ch.codePointAt(0)};`);
}

/** Inline code whose content is shown verbatim, safe inside a table cell. */
export function code(s: string): string {
  return `<code>${entities(s)}</code>`;
}

const MARKUP = /[&<>|`*_[\]{}^~=+#!:()\\$/]/g;

/** Plain text from the definitions (descriptions), safe inside a table cell: markup characters only. */
export function text(s: string): string {
  return s.replace(MARKUP, ch => `&#${ch.codePointAt(0)};`);
}

/** Decodes the entities {@link entities} writes (used by tests reading pages back). */
export function decodeEntities(s: string): string {
  return s.replace(/&#(\d+);/g, (_m, n: string) =>
    String.fromCodePoint(Number(n)),
  );
}

/** A Markdown table; cells must already be escaped. */
export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join(
    '\n',
  );
}

/**
 * Anchor id of a parameter: the dotted path with list markers dropped, camelCase split and
 * everything lower-case, joined by `-` (`kafka.replicas` → `kafka-replicas`,
 * `mqtt.bridges[].kafkaTopic` → `mqtt-bridges-kafka-topic`).
 */
export function anchorId(parameterPath: string): string {
  return parameterPath
    .replace(/\[\]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .split('.')
    .filter(Boolean)
    .join('-')
    .toLowerCase();
}

/** A heading with an explicit id (attr_list), so ids never depend on the heading's wording. */
export function heading(level: number, title: string, id: string): string {
  return `${'#'.repeat(level)} ${title} { #${id} }`;
}

/** A fenced block that includes a repository file verbatim through pymdownx.snippets. */
export function snippet(repoPath: string, lang = 'yaml'): string {
  return [`\`\`\`${lang}`, `--8<-- "${repoPath}"`, '```'].join('\n');
}

/** A fenced block with generated content. */
export function fenced(content: string, lang = 'yaml'): string {
  return [`\`\`\`${lang}`, content.replace(/\n$/, ''), '```'].join('\n');
}
