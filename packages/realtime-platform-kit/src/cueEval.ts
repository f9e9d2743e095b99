import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OamApplication, OamComponent } from './application';
import { ComponentDefinition } from './definitions';
import { run } from './exec';
import { ValidationIssue } from './issues';
import {
  article,
  checkViolation,
  describeConstraint,
  displayField,
} from './issueText';
import { findParameter, ParameterNode, ParameterSchema } from './schema';
import { JsonObject, KubeObject } from './types';

/** Kubernetes objects one component renders to (KubeVela `output` and `outputs`). */
export interface RenderedComponent {
  name: string;
  type: string;
  /** The component's `output`: its main object (for a platform, the composite resource). */
  output: KubeObject;
  /** The component's `outputs`, by name. */
  outputs: Record<string, KubeObject>;
  /** The parameters after CUE filled in the defaults. */
  parameter: JsonObject;
}

/** The `context` KubeVela gives a component template. */
export interface KubevelaContext {
  /** The component's name. */
  name: string;
  namespace: string;
  appName: string;
  appRevision: string;
  appRevisionNum: number;
  appLabels: Record<string, string>;
  appAnnotations: Record<string, string>;
  components: { name: string; type: string }[];
}

/** The `context` KubeVela gives a component template. */
export function kubevelaContext(
  app: OamApplication,
  component: OamComponent,
): KubevelaContext {
  return {
    name: component.name,
    namespace: app.namespace,
    appName: app.name,
    appRevision: `${app.name}-v1`,
    appRevisionNum: 1,
    appLabels: app.labels,
    appAnnotations: app.annotations,
    components: app.components.map(c => ({ name: c.name, type: c.type })),
  };
}

function cueString(s: string): string {
  return JSON.stringify(s);
}

function buildSource(
  apps: OamApplication[],
  defs: Map<string, ComponentDefinition>,
): string {
  const imports = new Set<string>();
  const types = new Set(apps.flatMap(a => a.components.map(c => c.type)));
  for (const t of types) defs.get(t)!.imports.forEach(i => imports.add(i));
  const parts: string[] = [];
  parts.push(
    `import (\n${[...imports].map(i => `\t${cueString(i)}`).join('\n')}\n)\n`,
  );
  parts.push('apps: {');
  apps.forEach((app, i) => {
    parts.push(`${cueString(String(i))}: {`);
    for (const c of app.components) {
      const def = defs.get(c.type)!;
      parts.push(`${cueString(c.name)}: {`);
      parts.push(def.body);
      parts.push(`context: ${JSON.stringify(kubevelaContext(app, c))}`);
      parts.push(`parameter: ${JSON.stringify(c.properties)}`);
      parts.push('}');
    }
    parts.push('}');
  });
  parts.push('}');
  return parts.join('\n');
}

/** Splits a cue error path like `apps."0".web.parameter.env.1.name` into segments. */
export function splitCuePath(p: string): string[] {
  const segs: string[] = [];
  let i = 0;
  while (i < p.length) {
    if (p[i] === '"') {
      const end = p.indexOf('"', i + 1);
      segs.push(p.slice(i + 1, end));
      i = end + 2;
    } else {
      const end = p.indexOf('.', i);
      segs.push(p.slice(i, end === -1 ? p.length : end));
      i = end === -1 ? p.length : end + 1;
    }
  }
  return segs;
}

/** The value the user wrote at a parameter path (list indices as numeric segments). */
function valueAt(value: unknown, segs: string[]): unknown {
  let v = value;
  for (const s of segs) {
    if (v === null || v === undefined) return undefined;
    v = (v as Record<string | number, unknown>)[
      /^\d+$/.test(s) ? Number(s) : s
    ];
  }
  return v;
}

/**
 * Text of a rule violation. The templates write rules as `"<message>" & false` (CUE's error()
 * builtin needs v0.14+, newer than KubeVela embeds), which cue reports as a conflict.
 */
function checkMessage(message: string): string {
  const quoted = '("(?:[^"\\\\]|\\\\.)*")';
  const m =
    new RegExp(
      `^conflicting values ${quoted} and false \\(mismatched types string and bool\\)$`,
    ).exec(message) ??
    new RegExp(
      `^conflicting values false and ${quoted} \\(mismatched types bool and string\\)$`,
    ).exec(message);
  return m ? cueStringLiteral(m[1]) : message;
}

/** CUE's escapes that JSON lacks (`\a`, `\v`, `\UXXXXXXXX`), and any other escape as it is. */
const CUE_ONLY_ESCAPE = /\\(?:(a)|(v)|U([0-9a-fA-F]{8}))|(\\.)/g;

/**
 * The value of a double-quoted CUE string literal as cue prints it in a message. CUE escapes a
 * few characters JSON cannot (a bell, a vertical tab, astral code points as `\U`), so the text
 * is rewritten to JSON first; a user's control character must not crash the whole batch.
 */
function cueStringLiteral(quoted: string): string {
  const json = quoted.replace(
    CUE_ONLY_ESCAPE,
    (_whole, bell, vtab, astral, other) => {
      if (other) return other;
      if (bell) return '\\u0007';
      if (vtab) return '\\u000b';
      return JSON.stringify(String.fromCodePoint(parseInt(astral, 16))).slice(
        1,
        -1,
      );
    },
  );
  try {
    return JSON.parse(json) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}

interface RawError {
  app: number;
  component: string;
  segs: string[];
  message: string;
}

function parseCueErrors(stderr: string): {
  errors: RawError[];
  unattributed: string[];
} {
  const errors: RawError[] = [];
  const unattributed: string[] = [];
  for (const line of stderr.split('\n')) {
    if (!line || /^\s/.test(line)) continue;
    const m =
      /^(apps\.(?:"[^"]*"|[^ :]+)(?:\.(?:"[^"]*"|[^ .:]+))*): (.*?):?$/.exec(
        line,
      );
    if (!m) {
      unattributed.push(line);
      continue;
    }
    const segs = splitCuePath(m[1]);
    if (segs.length < 3) {
      unattributed.push(line);
      continue;
    }
    errors.push({
      app: Number(segs[1]),
      component: segs[2],
      segs: segs.slice(3),
      message: m[2],
    });
  }
  return { errors, unattributed };
}

/** True for an error on a component's rendered objects rather than on its parameters. */
function isOutputError(e: RawError): boolean {
  return e.segs[0] === 'output' || e.segs[0] === 'outputs';
}

/** The errors grouped by component and field, in the order cue reported them. */
function groupByField(errs: RawError[]): RawError[][] {
  const byField = new Map<string, RawError[]>();
  for (const e of errs) {
    const key = `${e.component}\0${e.segs.join('.')}`;
    byField.set(key, [...(byField.get(key) ?? []), e]);
  }
  return [...byField.values()];
}

/** The wording of a value cue rejected, from its messages and the field's schema node. */
function valueMessage(
  messages: string[],
  node: ParameterNode | undefined,
  given: string,
): string {
  if (messages.some(m => m.includes('mismatched types')))
    return `expected ${
      node ? article(node.type) : 'another type'
    }, got ${given}`;
  if (messages.every(m => m.startsWith('conflicting values')))
    return node?.enum
      ? `${given} is not one of: ${node.enum.join(', ')}`
      : `invalid value ${given}`;
  return messages.filter(m => !m.startsWith('conflicting values')).join('; ');
}

/** The issue of one field (a parameter, or another field of the template) cue reported on. */
function fieldIssue(
  file: string,
  component: OamComponent | undefined,
  error: RawError,
  messages: string[],
  schema: ParameterSchema | undefined,
): ValidationIssue {
  const inParam = error.segs[0] === 'parameter';
  const fieldSegs = inParam ? error.segs.slice(1) : error.segs;
  const field = displayField(fieldSegs);
  const nodeAt = (segs: string[]) =>
    schema && inParam ? findParameter(schema.root, segs.join('.')) : undefined;
  const at = { file, component: error.component, field };
  if (messages.some(m => m.startsWith('field not allowed'))) {
    const allowed =
      nodeAt(fieldSegs.slice(0, -1))?.children?.map(c => c.name) ?? [];
    return {
      ...at,
      message: `unknown parameter "${
        fieldSegs[fieldSegs.length - 1]
      }" (field not allowed)`,
      fix: allowed.length
        ? `remove it or use one of: ${allowed.join(', ')}`
        : 'remove it',
    };
  }
  const node = nodeAt(fieldSegs);
  if (messages.some(m => m.startsWith('incomplete value'))) {
    return {
      ...at,
      message: 'required parameter is missing',
      fix: `set ${field}${node ? `: ${node.description}` : ''}`,
    };
  }
  const given = JSON.stringify(valueAt(component?.properties, fieldSegs));
  return {
    ...at,
    message: valueMessage(messages, node, given),
    fix: describeConstraint(node) || 'correct the value',
  };
}

/** The issues of one application from cue's errors on it: one per field. */
function toIssues(
  file: string,
  errs: RawError[],
  app: OamApplication,
  schemas: Map<string, ParameterSchema>,
): ValidationIssue[] {
  // Errors on a component's output repeat a parameter error: report the parameter only.
  const withParamErrors = new Set(
    errs.filter(e => !isOutputError(e)).map(e => e.component),
  );
  const issues: ValidationIssue[] = [];
  for (const group of groupByField(errs)) {
    const first = group[0];
    if (isOutputError(first) && withParamErrors.has(first.component)) continue;
    const messages = [...new Set(group.map(g => g.message))].filter(
      m => !/errors? in empty disjunction/.test(m),
    );
    if (first.segs[0] === '_checks') {
      for (const msg of messages.map(checkMessage)) {
        issues.push({
          file,
          ...checkViolation(first.component, first.segs[1], msg),
        });
      }
      continue;
    }
    const component = app.components.find(c => c.name === first.component);
    const schema = schemas.get(component?.type ?? '');
    issues.push(fieldIssue(file, component, first, messages, schema));
  }
  return issues;
}

/** Result of evaluating every component of one application with cue. */
export interface AppEvaluation {
  components: RenderedComponent[];
  issues: ValidationIssue[];
}

/** What cue's JSON export of the generated source holds for one component. */
interface ExportedComponent {
  output: KubeObject;
  outputs?: Record<string, KubeObject>;
  parameter: JsonObject;
}

/** cue's JSON export: application index → component name → the component's fields. */
interface CueExport {
  apps: Record<string, Record<string, ExportedComponent>>;
}

/** The rendered components of one application of an exported batch. */
function renderedComponents(
  app: OamApplication,
  exported: Record<string, ExportedComponent>,
): RenderedComponent[] {
  return app.components.map(c => {
    const v = exported[c.name];
    return {
      name: c.name,
      type: c.type,
      output: v.output,
      outputs: v.outputs ?? {},
      parameter: v.parameter,
    };
  });
}

/**
 * One `cue export` of a batch of applications: each application's rendered components, or the
 * errors cue attributed to applications. Throws when cue fails without naming an application.
 */
async function exportBatch(
  cue: string,
  dir: string,
  batch: OamApplication[],
  defs: Map<string, ComponentDefinition>,
): Promise<{ rendered: RenderedComponent[][] } | { errors: RawError[] }> {
  const src = path.join(dir, 'apps.cue');
  fs.writeFileSync(src, buildSource(batch, defs));
  const res = await run(cue, ['export', src, '--out', 'json']);
  if (res.code === 0) {
    const out = (JSON.parse(res.stdout) as CueExport).apps;
    return {
      rendered: batch.map((app, bi) =>
        renderedComponents(app, out[String(bi)]),
      ),
    };
  }
  const { errors, unattributed } = parseCueErrors(res.stderr);
  if (!errors.length) {
    throw new Error(
      `cue export failed: ${
        unattributed.slice(0, 5).join('\n') || res.stderr.trim()
      }`,
    );
  }
  return { errors };
}

/**
 * Evaluates every component of every application in one `cue export` run (the spawn is the
 * cost), re-running the applications cue did not report on when a batch fails, so each
 * application gets either its full rendering or its own errors.
 */
export async function evaluateApplications(
  apps: OamApplication[],
  defs: Map<string, ComponentDefinition>,
  schemas: Map<string, ParameterSchema>,
  cue: string,
): Promise<AppEvaluation[]> {
  const results: (AppEvaluation | undefined)[] = apps.map(() => undefined);
  let pending = apps.map((_, i) => i);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realtime-kit-'));
  try {
    while (pending.length) {
      const current = pending;
      const batch = current.map(i => apps[i]);
      const outcome = await exportBatch(cue, dir, batch, defs);
      if ('rendered' in outcome) {
        outcome.rendered.forEach((components, bi) => {
          results[current[bi]] = { issues: [], components };
        });
        break;
      }
      const failed = new Set(outcome.errors.map(e => e.app));
      for (const bi of failed) {
        const app = batch[bi];
        const errors = outcome.errors.filter(e => e.app === bi);
        results[current[bi]] = {
          components: [],
          issues: toIssues(app.file, errors, app, schemas),
        };
      }
      pending = current.filter((_, bi) => !failed.has(bi));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results as AppEvaluation[];
}
