import { codeBlocks } from '../guide/docPages';

/** What a statement of the prose names, by the kind of thing that must exist for it to be true. */
export type ClaimKind =
  | 'file'
  | 'make-target'
  | 'host'
  | 'service-port'
  | 'service-ports'
  | 'key'
  | 'parameter'
  | 'placeholder';

/** One name a page states, with where it says it. */
export interface Claim {
  kind: ClaimKind;
  /**
   * The name as the page writes it; for a Service and port `service:port`, for a table row that
   * lists a Service's ports `service:port,port,...`.
   */
  text: string;
  page: string;
  line: number;
}

/** HTML elements a page may name in code (`<svg>`): not placeholders. */
const HTML_ELEMENTS = new Set([
  '<svg>',
  '<style>',
  '<script>',
  '<div>',
  '<code>',
  '<br>',
]);

/** Top-level parameter names; a dotted span starting with one of them is a parameter path. */
export type TopLevelParameters = ReadonlySet<string>;

const FILE_EXT =
  /\.(ya?ml|md|json|sh|ts|tsx|mjs|js|py|txt|cue|mod|tmpl|mmd|svg|png|xml|sql|conf)$/;
const KEY = /^[A-Z][A-Z0-9]*(?:_(?:[A-Z0-9]+|<[A-Z]+>))+$/;
const PARAMETER =
  /^(?:spec\.parameters\.|parameter\.)?([a-z][a-zA-Z0-9]*(?:\[\])?(?:\.[a-z][a-zA-Z0-9]*(?:\[\])?)+)(?::\s.*)?$/;
const SERVICE_PORT = /^([a-z][a-z0-9-]*):(\d+)$/;
const HOST =
  /^(?:[a-z]+:\/\/)?([a-z0-9<>-]+(?:\.[a-z0-9<>-]+)*\.svc(?:\.cluster\.local)?)(?::(\d+))?(?:\/\S*)?$/;
/** "`<service>` Service, port `<port>`" and "Service `<service>` on <port>". */
const PROSE_SERVICE_PORT = [
  /`([a-z][a-z0-9-]*)` Service,? port `?([\w-]+)`?/g,
  /Service `([a-z][a-z0-9-]*)` on (?:port )?(\d+)/g,
];

/** The page with the lines of its fenced code blocks blanked, so line numbers still hold. */
function proseOf(text: string): string {
  let open = false;
  return text
    .split('\n')
    .map(line => {
      if (/^\s*```/.test(line)) {
        open = !open;
        return '';
      }
      return open ? '' : line;
    })
    .join('\n');
}

function classify(
  span: string,
  topLevel: TopLevelParameters,
  topDirs: ReadonlySet<string>,
): { kind: ClaimKind; text: string } | undefined {
  const make = /^make ([\w-]+)$/.exec(span);
  if (make) return { kind: 'make-target', text: make[1] };
  if (KEY.test(span)) return { kind: 'key', text: span };
  const host = HOST.exec(span);
  if (host)
    return {
      kind: 'host',
      text: host[2] ? `${host[1]}:${host[2]}` : host[1],
    };
  const sp = SERVICE_PORT.exec(span);
  if (sp) return { kind: 'service-port', text: span };
  const path = span.replace(/^\.\//, '');
  if (!/\s/.test(path) && topDirs.has(path.split('/')[0]) && path.includes('/'))
    return { kind: 'file', text: path };
  if (!/[\s/]/.test(path) && FILE_EXT.test(path) && !path.startsWith('.'))
    return { kind: 'file', text: path };
  const param = PARAMETER.exec(span);
  if (param && topLevel.has(param[1].split(/[.[]/)[0]))
    return { kind: 'parameter', text: param[1].replace(/\[\]$/, '') };
  return undefined;
}

/** Rows of a Markdown table with a `service` and a `ports` column: every port of the Service. */
function servicePortTables(page: string, prose: string): Claim[] {
  const claims: Claim[] = [];
  const lines = prose.split('\n');
  const cells = (l: string) =>
    l
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map(c => c.trim());
  lines.forEach((line, i) => {
    if (!line.trim().startsWith('|') || !lines[i + 1]?.includes('---')) return;
    const header = cells(line).map(c => c.toLowerCase());
    const service = header.indexOf('service');
    const ports = header.indexOf('ports');
    if (service < 0 || ports < 0) return;
    for (
      let r = i + 2;
      r < lines.length && lines[r].trim().startsWith('|');
      r++
    ) {
      const row = cells(lines[r]);
      const name = /`([a-z][a-z0-9-]*)`/.exec(row[service] ?? '')?.[1];
      const numbers = [...(row[ports] ?? '').matchAll(/\b\d{2,5}\b/g)].map(
        m => m[0],
      );
      if (name)
        claims.push({
          kind: 'service-ports',
          text: `${name}:${[...new Set(numbers)].join(',')}`,
          page,
          line: r + 1,
        });
    }
  });
  return claims;
}

/**
 * The names a Markdown page states outside its code blocks: inline code spans that are a repo
 * file, a make target, an in-cluster host, a Service and port, a secret key or environment
 * variable, or a parameter path; Service/port pairs written as prose; tables of Services with
 * their ports; and every `<placeholder>` a code span uses. Generated pages state
 * theirs in HTML `<code>` elements, which this does not read: they are true by construction.
 */
export function proseClaims(
  page: string,
  text: string,
  topLevel: TopLevelParameters,
  topDirs: ReadonlySet<string>,
): Claim[] {
  const prose = proseOf(text);
  const lineAt = (offset: number) => prose.slice(0, offset).split('\n').length;
  const claims: Claim[] = [];
  for (const m of prose.matchAll(/`([^`\n]+)`/g)) {
    const c = classify(m[1].trim(), topLevel, topDirs);
    if (c) claims.push({ ...c, page, line: lineAt(m.index!) });
    // Placeholders are the docs' vocabulary (docs/glossary.md); READMEs keep their own.
    if (page.startsWith('docs/'))
      for (const p of m[1].matchAll(/<[A-Za-z][\w-]*>/g))
        if (!HTML_ELEMENTS.has(p[0]))
          claims.push({
            kind: 'placeholder',
            text: p[0],
            page,
            line: lineAt(m.index!),
          });
  }
  claims.push(...servicePortTables(page, prose));
  const joined = prose.replace(/\n/g, ' ');
  for (const re of PROSE_SERVICE_PORT)
    for (const m of joined.matchAll(re))
      claims.push({
        kind: 'service-port',
        text: `${m[1]}:${m[2]}`,
        page,
        line: lineAt(m.index!),
      });
  for (const b of codeBlocks(text).filter(x => ['sh', 'bash'].includes(x.lang)))
    for (const m of b.body.matchAll(/^\s*make ([\w-]+)/gm))
      claims.push({
        kind: 'make-target',
        text: m[1],
        page,
        line: lineAt(b.index) + b.body.slice(0, m.index).split('\n').length,
      });
  return claims;
}
