import { anchorId, code, heading, table, text } from './markdown';
import { Param } from './tree';

/** Columns of every parameter table. */
export const PARAM_HEADER = [
  'Name',
  'Description',
  'Type',
  'Required',
  'Default',
  'Allowed values / validation',
];

/** A group of top-level parameters printed under one heading. */
export interface ParamGroup {
  title: string;
  /** Heading id; parameter anchors never start with `area-`. */
  id: string;
  keys: string[];
}

function typeOf(p: Param): string {
  if (p.type === 'array') return `list of ${p.items?.type ?? 'any'}`;
  return p.type;
}

function requiredOf(p: Param): string {
  if (p.optional) return 'no (omit the key to leave the feature out)';
  return p.required ? '**yes**' : 'no';
}

function defaultOf(p: Param): string {
  if (p.default !== undefined) return code(JSON.stringify(p.default));
  if (p.type === 'object' && p.children.length) return 'defaults of its fields';
  return '—';
}

/** Validation rules of a scalar, as escaped cell fragments. */
export function rules(p: Param): string[] {
  const out: string[] = [];
  if (p.enum)
    out.push(`one of ${p.enum.map(v => code(JSON.stringify(v))).join(', ')}`);
  if (p.minimum !== undefined && p.maximum !== undefined)
    out.push(`${p.minimum} to ${p.maximum}`);
  else if (p.minimum !== undefined) out.push(`at least ${p.minimum}`);
  else if (p.maximum !== undefined) out.push(`at most ${p.maximum}`);
  for (const re of p.patterns) out.push(`matches ${code(re)}`);
  for (const re of p.notPatterns) out.push(`must not match ${code(re)}`);
  if (p.minLength !== undefined) out.push(`at least ${p.minLength} characters`);
  if (p.maxLength !== undefined) out.push(`at most ${p.maxLength} characters`);
  return out;
}

function validationOf(p: Param): string {
  const out = rules(p);
  if (p.type === 'array' && p.items) {
    if (p.items.type === 'object') {
      out.push(
        `each item: see [${code(`${p.path}[]`)} fields](#${anchorId(
          p.path,
        )}-fields)`,
      );
    } else {
      const itemRules = rules(p.items);
      out.push(
        `each item: ${
          itemRules.length ? itemRules.join('; ') : `any ${p.items.type}`
        }`,
      );
    }
  } else if (p.type === 'object' && p.children.length) {
    out.push(
      `closed object: see [${code(p.path)} fields](#${anchorId(
        p.path,
      )}-fields)`,
    );
  }
  return out.length ? out.join('; ') : 'any value of the type';
}

/** One table row; the Name cell carries the parameter's anchor. */
export function paramRow(p: Param): string[] {
  return [
    `<a id="${anchorId(p.path)}"></a>${code(p.path)}`,
    text(p.description),
    typeOf(p),
    requiredOf(p),
    defaultOf(p),
    validationOf(p),
  ];
}

/** Objects whose fields get a sub-table: objects with fields and lists of objects. */
function nested(p: Param): Param | undefined {
  if (p.type === 'object' && p.children.length) return p;
  if (
    p.type === 'array' &&
    p.items?.type === 'object' &&
    p.items.children.length
  )
    return p.items;
  return undefined;
}

/** Sub-tables for the nested objects below `params`, depth first. */
function subTables(params: Param[], level: number): string[] {
  const out: string[] = [];
  for (const p of params) {
    const obj = nested(p);
    if (!obj) continue;
    const label = obj === p ? p.path : `${p.path}[]`;
    out.push(
      heading(
        Math.min(level, 6),
        `${code(label)} fields`,
        `${anchorId(p.path)}-fields`,
      ),
      '',
      table(PARAM_HEADER, obj.children.map(paramRow)),
      '',
      ...subTables(obj.children, level + 1),
    );
  }
  return out;
}

/**
 * The parameter sections of a page: one heading per group with a table of its top-level
 * parameters, then a sub-table per nested object. Top-level keys no group names are printed
 * under "Other parameters", so no parameter is ever left out.
 */
export function paramSections(
  root: Param,
  groups: ParamGroup[],
  level = 2,
): string[] {
  const byKey = new Map(root.children.map(c => [c.name, c]));
  const seen = new Set<string>();
  const rest = root.children.filter(
    c => !groups.some(g => g.keys.includes(c.name)),
  );
  const all: ParamGroup[] = [
    ...groups,
    ...(rest.length
      ? [
          {
            title: 'Other parameters',
            id: 'area-other',
            keys: rest.map(c => c.name),
          },
        ]
      : []),
  ];
  const out: string[] = [];
  for (const g of all) {
    const params = g.keys
      .map(k => byKey.get(k))
      .filter((p): p is Param => !!p && !seen.has(p.name));
    if (!params.length) continue;
    params.forEach(p => seen.add(p.name));
    out.push(
      heading(level, g.title, g.id),
      '',
      table(PARAM_HEADER, params.map(paramRow)),
      '',
      ...subTables(params, level + 1),
    );
  }
  return out;
}
