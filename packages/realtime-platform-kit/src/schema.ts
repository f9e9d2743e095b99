import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ComponentDefinition } from './definitions';
import { run } from './exec';
import { cueBinary, findRoot } from './paths';
import { OpenApiSchema } from './types';

/** JSON type of a parameter. */
export type ParameterType =
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'object'
  | 'array';

/**
 * One parameter of a ComponentDefinition, derived from its CUE `#Parameter` definition
 * (types, defaults, enums, constraints via `cue def --out openapi`; descriptions from `// +usage=`).
 */
export interface ParameterNode {
  /** Key of the field (`[]` for the element of a list). */
  name: string;
  /** Dotted path; list elements are written `topics[].name`. */
  path: string;
  /** Functional area: the top-level parameter the field belongs to (e.g. `kafka`, `mqtt`). */
  area: string;
  /** Text of the `// +usage=` comment. */
  description: string;
  type: ParameterType;
  /** True when the user must set the field (no default, not optional, not a list). */
  required: boolean;
  /** True when the key may be left out entirely (CUE `field?:`); leaving it out switches the feature off. */
  optional: boolean;
  default?: unknown;
  enum?: unknown[];
  /** Regular expressions the value must match. */
  patterns?: string[];
  /** Regular expressions the value must not match. */
  notPatterns?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  /** Fields of an object. */
  children?: ParameterNode[];
  /** Element of a list. */
  items?: ParameterNode;
}

/** The OpenAPI v3 schema cue produces for `#Parameter`, plus the tree built from it. */
export interface ParameterSchema {
  definition: string;
  openapi: OpenApiSchema;
  root: ParameterNode;
}

const USAGE = /^\+usage=/;

function stripUsage(description: unknown): string {
  return typeof description === 'string'
    ? description.replace(USAGE, '').trim()
    : '';
}

function collectConstraints(schema: OpenApiSchema, node: ParameterNode) {
  const parts = [schema, ...(schema.allOf ?? [])];
  for (const part of parts) {
    if (typeof part.pattern === 'string')
      (node.patterns ??= []).push(part.pattern);
    if (part.not && typeof part.not.pattern === 'string')
      (node.notPatterns ??= []).push(part.not.pattern);
    if (part.minimum !== undefined) node.minimum = part.minimum;
    if (part.maximum !== undefined) node.maximum = part.maximum;
    if (part.minLength !== undefined) node.minLength = part.minLength;
    if (part.maxLength !== undefined) node.maxLength = part.maxLength;
  }
}

function toNode(
  schema: OpenApiSchema,
  name: string,
  nodePath: string,
  area: string,
  inRequired: boolean,
): ParameterNode {
  const type = (schema.type ??
    (schema.properties ? 'object' : 'string')) as ParameterType;
  const node: ParameterNode = {
    name,
    path: nodePath,
    area,
    description: stripUsage(schema.description),
    type,
    required: false,
    optional: !inRequired,
  };
  if (schema.default !== undefined) node.default = schema.default;
  if (schema.enum) node.enum = schema.enum;
  collectConstraints(schema, node);
  if (type === 'object' && schema.properties) {
    const req = new Set<string>(schema.required ?? []);
    node.children = Object.entries(schema.properties).map(([k, v]) =>
      toNode(v, k, nodePath ? `${nodePath}.${k}` : k, area || k, req.has(k)),
    );
  }
  if (type === 'array' && schema.items) {
    node.items = toNode(schema.items, '[]', `${nodePath}[]`, area, true);
  }
  if (type === 'object') {
    node.required =
      inRequired &&
      node.default === undefined &&
      !!node.children?.some(c => c.required);
  } else if (type === 'array') {
    node.required = false;
  } else {
    node.required = inRequired && node.default === undefined;
  }
  return node;
}

/**
 * Moves a `default` that `cue def --out openapi` writes inside `allOf`/`anyOf`/`oneOf` members
 * (for a field like `*"app" | =~"..."`) up to the field itself: Kubernetes structural schemas
 * forbid defaults inside those combinators, and readers look for the field's own default.
 */
export function hoistCombinatorDefaults(schema: OpenApiSchema): OpenApiSchema {
  return hoistIn(schema) as OpenApiSchema;
}

/** {@link hoistCombinatorDefaults} over any value of the schema (keywords hold lists and scalars too). */
function hoistIn(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hoistIn);
  if (value === null || typeof value !== 'object') return value;
  const out: OpenApiSchema = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = hoistIn(v);
  }
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    for (const member of out[key] ?? []) {
      if (member && typeof member === 'object' && 'default' in member) {
        if (out.default === undefined) out.default = member.default;
        delete member.default;
      }
    }
  }
  return out;
}

const cache = new Map<string, Promise<ParameterSchema>>();

/**
 * The parameter schema of a ComponentDefinition, evaluated by the real cue binary:
 * `cue def -e '#Parameter'`, then `cue def --out openapi+json` of that definition.
 * `cue` is the binary to run (the kit's `cueBinary` option); default: the one discovered from
 * `root` ({@link cueBinary}).
 */
export function parameterSchema(
  def: ComponentDefinition,
  root: string = findRoot(),
  cue?: string,
): Promise<ParameterSchema> {
  const key = `${cue ?? root}\0${def.template}`;
  let p = cache.get(key);
  if (!p) {
    p = computeSchema(def, root, cue);
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

async function computeSchema(
  def: ComponentDefinition,
  root: string,
  configuredCue: string | undefined,
): Promise<ParameterSchema> {
  const cue = cueBinary(root, configuredCue);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realtime-kit-schema-'));
  try {
    const src = path.join(dir, 'template.cue');
    fs.writeFileSync(
      src,
      `${def.template}\ncontext: {name: "x", namespace: "x", appName: "x", appRevision: "x-v1", appRevisionNum: 1}\n`,
    );
    const extracted = await run(cue, ['def', src, '-e', '#Parameter']);
    if (extracted.code !== 0)
      throw new Error(`cue def ${def.name}: ${extracted.stderr.trim()}`);
    const wrapped = extracted.stdout
      .split('\n')
      .filter(l => l !== '_#def')
      .map(l =>
        l.startsWith('_#def: ')
          ? `#Parameter: ${l.slice('_#def: '.length)}`
          : l,
      )
      .join('\n');
    const defFile = path.join(dir, 'parameter.cue');
    fs.writeFileSync(defFile, wrapped);
    const res = await run(cue, ['def', defFile, '--out', 'openapi+json']);
    if (res.code !== 0)
      throw new Error(
        `cue def --out openapi ${def.name}: ${res.stderr.trim()}`,
      );
    const openapi = hoistCombinatorDefaults(
      (
        JSON.parse(res.stdout) as {
          components: { schemas: { Parameter: OpenApiSchema } };
        }
      ).components.schemas.Parameter,
    );
    const rootNode = toNode(openapi, '', '', '', true);
    return { definition: def.name, openapi, root: rootNode };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The parameter tree of an OpenAPI schema of `#Parameter` (what {@link parameterSchema} builds
 * from cue's output), for a schema that was generated earlier and committed.
 */
export function parameterTree(openapi: OpenApiSchema): ParameterNode {
  return toNode(openapi, '', '', '', true);
}

/** Depth-first list of every node below `root` (lists contribute their element node). */
export function flattenParameters(root: ParameterNode): ParameterNode[] {
  const out: ParameterNode[] = [];
  const walk = (n: ParameterNode) => {
    for (const c of n.children ?? []) {
      out.push(c);
      walk(c);
    }
    if (n.items) {
      if (n.items.children) walk(n.items);
    }
  };
  walk(root);
  return out;
}

/** Finds the node for a field path such as `topics.0.name` or `topics[].name`. */
export function findParameter(
  root: ParameterNode,
  fieldPath: string,
): ParameterNode | undefined {
  let node: ParameterNode | undefined = root;
  for (const seg of fieldPath
    .replace(/\[\]/g, '.[]')
    .split('.')
    .filter(Boolean)) {
    if (!node) return undefined;
    if (/^\d+$/.test(seg) || seg === '[]') node = node.items;
    else node = node.children?.find(c => c.name === seg);
  }
  return node;
}

/**
 * OpenAPI v3 schema for the XRD's `spec`, derived from the CUE `#Parameter` schema:
 * descriptions without the `+usage=` prefix, `required` only for fields without a default,
 * `default: []` on lists and `default: {}` on fully defaulted objects so the API server fills
 * in what CUE fills in.
 */
export function xrdSpecSchema(openapi: OpenApiSchema): OpenApiSchema {
  const convert = (s: OpenApiSchema, isRoot: boolean): OpenApiSchema => {
    const out: OpenApiSchema = {};
    for (const [k, v] of Object.entries(s)) {
      if (k === 'description') out.description = stripUsage(v);
      else if (k === 'properties') {
        const properties: Record<string, OpenApiSchema> = {};
        for (const [pk, pv] of Object.entries(s.properties!))
          properties[pk] = convert(pv, false);
        out.properties = properties;
      } else if (k === 'items') out.items = convert(s.items!, false);
      else if (k !== 'required') out[k] = v;
    }
    if (s.properties) {
      const required = (s.required ?? []).filter(r => {
        const child = out.properties![r];
        return child.default === undefined;
      });
      if (required.length) out.required = required;
      else if (!isRoot && out.default === undefined) out.default = {};
    }
    if (s.type === 'array' && out.default === undefined) out.default = [];
    return out;
  };
  return convert(openapi, true);
}
