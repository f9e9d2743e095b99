/** A cross-field rule of a definition: one `error(...)` in its `_checks` block. */
export interface CheckRule {
  /** The CUE condition, as written. */
  condition: string;
  /** Parameter paths the condition reads (`topics[].name`); `context.*` for names KubeVela supplies. */
  reads: string[];
  /** The error message template (`\(...)` are CUE interpolations). */
  message: string;
}

// `key: error("message")` or `key: "message" & false`: both make the template fail with the message.
const CHECK =
  /^\s*((?:for [^\n{]+ )?if [^\n]+?)\s*\{\s*\n\s*[^\n:]+:\s*(?:error\("((?:[^"\\]|\\.)*)"\)|"((?:[^"\\]|\\.)*)"\s*&\s*false)/gm;
const HELPER = /^(_\w+):\s*(.+)$/gm;
const LOOP = /for (?:\w+, )?(\w+) in parameter\.([\w.]+)/g;

function unescape(s: string): string {
  return s.replace(/\\"/g, '"').replace(/\\\\/g, '\\');
}

/** Parameter paths an expression reads, with list variables and helper fields resolved. */
function readsOf(
  expr: string,
  helpers: Map<string, string>,
  seen = new Set<string>(),
): string[] {
  const out = new Set<string>();
  const vars = new Map<string, string>();
  for (const m of expr.matchAll(LOOP)) vars.set(m[1], `${m[2]}[]`);
  for (const m of expr.matchAll(/parameter\.([\w.]+)/g)) out.add(m[1]);
  for (const [v, base] of vars) {
    const fields = [...expr.matchAll(new RegExp(`\\b${v}\\.([\\w.]+)`, 'g'))];
    if (!fields.length) continue;
    out.delete(base.replace(/\[\]$/, ''));
    fields.forEach(f => out.add(`${base}.${f[1]}`));
  }
  for (const m of expr.matchAll(/context\.(\w+)/g)) out.add(`context.${m[1]}`);
  for (const m of expr.matchAll(/\b(_\w+)/g)) {
    const body = helpers.get(m[1]);
    if (body && !seen.has(m[1])) {
      seen.add(m[1]);
      readsOf(body, helpers, seen).forEach(r => out.add(r));
    }
  }
  return [...out].sort();
}

/**
 * The cross-field rules of a CUE template: every `if ... { x: error("...") }` (also inside a
 * `for ... if`), with the parameters each one reads. Helper fields (`_topicNames: [for t in
 * parameter.topics {t.name}]`) are resolved to the parameters they are built from.
 * Throws when the template has a `_checks` block but no rule could be read from it, so a new
 * way of writing rules cannot silently empty the table.
 */
export function checkRules(template: string): CheckRule[] {
  const helpers = new Map<string, string>();
  for (const m of template.matchAll(HELPER)) helpers.set(m[1], m[2]);
  const out: CheckRule[] = [];
  for (const m of template.matchAll(CHECK)) {
    out.push({
      condition: m[1].trim(),
      reads: readsOf(m[1], helpers),
      message: unescape(m[2] ?? m[3]),
    });
  }
  if (!out.length && /^_checks:\s*\{/m.test(template))
    throw new Error(
      'the _checks block has no rule in a form the generator reads (if ... { key: error("...") } or key: "..." & false): update packages/realtime-platform-docgen/src/rules.ts',
    );
  return out;
}
