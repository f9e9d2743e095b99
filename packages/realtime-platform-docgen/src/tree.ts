import { JsonSchema } from './source';

/** One parameter as the reference prints it. */
export interface Param {
  /** Key of the field; `[]` for the element of a list. */
  name: string;
  /** Dotted path; list elements are written `topics[].name`. */
  path: string;
  description: string;
  type: string;
  /** The user must set it: no default and not optional. */
  required: boolean;
  /** The key may be left out (CUE `field?:`), which switches the feature off. */
  optional: boolean;
  /** Effective default, also when cue placed it inside an `allOf` branch. */
  default?: unknown;
  enum?: unknown[];
  patterns: string[];
  notPatterns: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  children: Param[];
  items?: Param;
}

const USAGE = /^\+usage=/;

function parts(s: JsonSchema): JsonSchema[] {
  return [s, ...(s.allOf ?? [])];
}

/**
 * Builds the parameter tree from an OpenAPI v3 schema: the one `cue def --out openapi` writes
 * for `#Parameter` (through the kit) or the XRD's. A list without a default is `[]`, as CUE
 * exports `[...T]`; `required` is true only for a field listed as required that has no default.
 */
export function paramTree(
  schema: JsonSchema,
  name = '',
  path = '',
  listedRequired = true,
): Param {
  let type = schema.type;
  if (!type) {
    if (schema.properties) type = 'object';
    else type = schema.items ? 'array' : 'string';
  }
  const p: Param = {
    name,
    path,
    description: (schema.description ?? '').replace(USAGE, '').trim(),
    type,
    required: false,
    optional: !listedRequired,
    patterns: [],
    notPatterns: [],
    children: [],
  };
  for (const part of parts(schema)) {
    if (part.default !== undefined && p.default === undefined)
      p.default = part.default;
    if (part.enum && !p.enum) p.enum = part.enum;
    if (part.pattern) p.patterns.push(part.pattern);
    if (part.not?.pattern) p.notPatterns.push(part.not.pattern);
    if (part.minimum !== undefined) p.minimum = part.minimum;
    if (part.maximum !== undefined) p.maximum = part.maximum;
    if (part.minLength !== undefined) p.minLength = part.minLength;
    if (part.maxLength !== undefined) p.maxLength = part.maxLength;
  }
  // The XRD lists only fields without a default as required: a defaulted field is not optional.
  p.optional = !listedRequired && p.default === undefined;
  if (type === 'array' && p.default === undefined) p.default = [];
  const required = new Set(schema.required ?? []);
  for (const [k, v] of Object.entries(schema.properties ?? {})) {
    p.children.push(
      paramTree(v, k, path ? `${path}.${k}` : k, required.has(k)),
    );
  }
  if (schema.items) p.items = paramTree(schema.items, '[]', `${path}[]`, true);
  if (type === 'object') {
    p.required =
      listedRequired &&
      p.default === undefined &&
      p.children.some(c => c.required);
  } else if (type !== 'array') {
    p.required = listedRequired && p.default === undefined;
  }
  return p;
}

/**
 * Every parameter a user can set, depth first: fields of objects and fields of list elements;
 * the element node of a list itself is not a parameter.
 */
export function allParams(root: Param): Param[] {
  const out: Param[] = [];
  const walk = (n: Param) => {
    for (const c of n.children) {
      out.push(c);
      walk(c);
    }
    if (n.items) walk(n.items);
  };
  walk(root);
  return out;
}
