import { ParameterNode } from './schema';

// The wording `realtime-kit validate` prints for parameter problems; exported so that checks
// without cue (the catalog module's JSON Schema validation) print the same.

/**
 * Display form of a parameter path: list indices in brackets, e.g. `topics[1].name` for the
 * segments `topics`, `1`, `name`.
 */
export function displayField(segs: string[]): string {
  let out = '';
  for (const s of segs) {
    if (/^\d+$/.test(s)) out += `[${s}]`;
    else out += out ? `.${s}` : s;
  }
  return out;
}

/** A parameter type with its indefinite article, e.g. `an integer`. */
export function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/**
 * The fix text of a parameter's value problem: its allowed values or constraints and its
 * description; empty without a node.
 */
export function describeConstraint(node: ParameterNode | undefined): string {
  if (!node) return '';
  if (node.enum) return `use one of: ${node.enum.join(', ')}`;
  const parts: string[] = [];
  if (node.patterns) parts.push(`match ${node.patterns.join(' and ')}`);
  if (node.notPatterns)
    parts.push(`not match ${node.notPatterns.join(' or ')}`);
  if (node.minimum !== undefined) parts.push(`be >= ${node.minimum}`);
  if (node.maximum !== undefined) parts.push(`be <= ${node.maximum}`);
  if (node.maxLength !== undefined)
    parts.push(`be at most ${node.maxLength} characters`);
  return parts.length
    ? `the value must ${parts.join(', ')} (${node.description})`
    : `see the parameter reference: ${node.description}`;
}

/** Field reported for a name-length check that does not name one itself. */
function checkField(check: string): string | undefined {
  return check === 'name' || check === 'namespace' || check === 'nameSeparator'
    ? 'name'
    : undefined;
}

/**
 * The issue of a violated `_checks` rule of a definition. `check` is the rule's key under
 * `_checks`; `message` its text, written `[<field>: ]<what is wrong>: <fix>`.
 */
export function checkViolation(
  component: string,
  check: string,
  message: string,
): { component: string; field?: string; message: string; fix: string } {
  const cut = message.lastIndexOf(': ');
  const text = cut > 0 ? message.slice(0, cut) : message;
  const fix = cut > 0 ? message.slice(cut + 2) : 'see the parameter reference';
  const fm = /^([A-Za-z][\w.\[\]/]*): (.*)$/.exec(text);
  return {
    component,
    field: fm ? fm[1] : checkField(check),
    message: fm ? fm[2] : text,
    fix,
  };
}
