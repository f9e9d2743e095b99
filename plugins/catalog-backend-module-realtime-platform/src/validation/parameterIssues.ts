import { ErrorObject } from 'ajv';
import {
  article,
  describeConstraint,
  displayField,
  findParameter,
  ParameterNode,
  ValidationIssue,
} from '@internal/realtime-platform-kit';
import { cueQuote, cueValue } from './cueText';
import { CompiledSchema, errorsOf } from './parameterSchemas';

/** An issue without its file (the application adds it). */
export type ComponentIssue = Omit<ValidationIssue, 'file'>;

/** One problem at a parameter path (segments, list indices as numbers in strings). */
interface Problem {
  segs: string[];
  issue: ComponentIssue;
}

/**
 * A component's properties checked against its definition's JSON Schema, in the classes cue's
 * error reporting distinguishes (see {@link checkParameters}).
 */
export interface ParameterCheck {
  /** Wrong types, values outside an enum, bound or pattern. */
  value: ComponentIssue[];
  /** Keys the (closed) definition does not declare. */
  closed: ComponentIssue[];
  /** Required fields left out: what cue reports as incomplete values. */
  missing: ComponentIssue[];
  /** The properties with the definition's defaults filled in, as CUE renders them. */
  parameter: Record<string, unknown>;
}

function segsOf(instancePath: string): string[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAt(value: unknown, segs: string[]): unknown {
  let v = value;
  for (const s of segs) {
    v =
      v !== null && typeof v === 'object'
        ? (v as Record<string, unknown>)[s]
        : undefined;
  }
  return v;
}

const nodeAt = (tree: ParameterNode, segs: string[]) =>
  findParameter(tree, segs.join('.'));

/** The schema object an error's `schemaPath` points to (its keyword's parent). */
function schemaAt(
  schema: unknown,
  schemaPath: string,
): Record<string, unknown> {
  let s = schema;
  const parts = schemaPath.replace(/^#\/?/, '').split('/').slice(0, -1);
  for (const p of parts) s = (s as Record<string, unknown>)?.[p];
  return (s ?? {}) as Record<string, unknown>;
}

// cue reports the bounds of one field in the order the definition writes them: patterns (in
// allOf order), numeric bounds, then the strings.MinRunes/MaxRunes validators.
function boundOrder(e: ErrorObject): number {
  const allOf = /\/allOf\/(\d+)\/(?:not|pattern)$/.exec(e.schemaPath);
  if (allOf) return Number(allOf[1]);
  if (e.keyword === 'pattern') return 0;
  if (e.keyword === 'minimum' || e.keyword === 'maximum') return 100;
  return 200;
}

function boundMessage(e: ErrorObject, v: unknown, schema: unknown): string {
  const invalid = `invalid value ${cueValue(v)}`;
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'pattern':
      return `${invalid} (out of bound =~${cueQuote(String(params.pattern))})`;
    case 'not': {
      const pattern = (
        schemaAt(schema, e.schemaPath).not as { pattern: string }
      ).pattern;
      return `${invalid} (out of bound !~${cueQuote(pattern)})`;
    }
    case 'minimum':
      return `${invalid} (out of bound >=${params.limit})`;
    case 'maximum':
      return `${invalid} (out of bound <=${params.limit})`;
    case 'minLength':
      return `${invalid} (does not satisfy strings.MinRunes(${params.limit}))`;
    case 'maxLength':
      return `${invalid} (does not satisfy strings.MaxRunes(${params.limit}))`;
    default:
      return `${invalid} (${e.message})`;
  }
}

const isLengthBound = (e: ErrorObject) =>
  e.keyword === 'minLength' || e.keyword === 'maxLength';

/** The issue of the value errors at one path, worded as the kit words cue's. */
function valueIssue(
  errors: ErrorObject[],
  segs: string[],
  input: unknown,
  compiled: CompiledSchema,
): ComponentIssue {
  const node = nodeAt(compiled.tree, segs);
  const v = valueAt(input, segs);
  const given = JSON.stringify(v);
  const field = displayField(segs);
  const fix = describeConstraint(node) || 'correct the value';
  if (errors.some(e => e.keyword === 'type' || e.keyword === 'cueInteger')) {
    const expected = node ? article(node.type) : 'another type';
    return { field, message: `expected ${expected}, got ${given}`, fix };
  }
  if (errors.some(e => e.keyword === 'enum')) {
    const message = node?.enum
      ? `${given} is not one of: ${node.enum.join(', ')}`
      : `invalid value ${given}`;
    return { field, message, fix };
  }
  // cue checks the strings.*Runes validators of a field written as one conjunction only when
  // its bounds hold; a defaulted field's extra bounds are separate conjuncts (`if _rendering`).
  const boundFailed = errors.some(e => !isLengthBound(e));
  const reported = errors
    .filter(
      e => node?.default !== undefined || !boundFailed || !isLengthBound(e),
    )
    .sort((a, b) => boundOrder(a) - boundOrder(b));
  const message = reported
    .map(e => boundMessage(e, v, compiled.schema))
    .join('; ');
  return { field, message, fix };
}

const isPrefix = (prefix: string[], segs: string[]) =>
  prefix.length <= segs.length && prefix.every((s, i) => segs[i] === s);

/**
 * cue reports a list field written `*[<default>] | [...<element>]` through both disjuncts: the
 * list against the default (length or value), the elements against the default's elements,
 * and the first failing element against the element constraint.
 */
function defaultListProblems(
  listSegs: string[],
  list: unknown[],
  listDefault: unknown[],
  elementProblems: Problem[],
  compiled: CompiledSchema,
): Problem[] {
  const listNode = nodeAt(compiled.tree, listSegs);
  const problems: Problem[] = [
    {
      segs: listSegs,
      issue: {
        field: displayField(listSegs),
        message:
          list.length === listDefault.length
            ? `invalid value ${JSON.stringify(list)}`
            : `incompatible list lengths (${listDefault.length} and ${list.length})`,
        fix: describeConstraint(listNode) || 'correct the value',
      },
    },
  ];
  const firstBad = Math.min(
    ...elementProblems.map(p => Number(p.segs[listSegs.length])),
  );
  list.forEach((element, i) => {
    const segs = [...listSegs, String(i)];
    const own = elementProblems.find(p => isPrefix(segs, p.segs));
    if (i === firstBad && own) {
      problems.push(own);
      return;
    }
    const expected = listDefault[i];
    if (
      i >= listDefault.length ||
      JSON.stringify(element) === JSON.stringify(expected)
    ) {
      return;
    }
    const node = nodeAt(compiled.tree, segs);
    const given = JSON.stringify(element);
    problems.push({
      segs,
      issue: {
        field: displayField(segs),
        message:
          typeof element === typeof expected && element !== null
            ? `invalid value ${given}`
            : `expected ${
                node ? article(node.type) : 'another type'
              }, got ${given}`,
        fix: describeConstraint(node) || 'correct the value',
      },
    });
  });
  return problems;
}

/** Applies {@link defaultListProblems} to every defaulted list with element problems. */
function withDefaultLists(
  problems: Problem[],
  input: unknown,
  compiled: CompiledSchema,
): Problem[] {
  let out = problems;
  const lists = new Map<string, string[]>();
  for (const p of problems) {
    for (let n = p.segs.length - 1; n > 0; n--) {
      const listSegs = p.segs.slice(0, n);
      const node = nodeAt(compiled.tree, listSegs);
      const d = node?.default;
      // A non-empty list default comes from a `*[...] | [...]` disjunction in the CUE.
      if (node?.type === 'array' && Array.isArray(d) && d.length) {
        lists.set(listSegs.join('\0'), listSegs);
      }
    }
  }
  for (const listSegs of lists.values()) {
    const list = valueAt(input, listSegs);
    const node = nodeAt(compiled.tree, listSegs)!;
    if (!Array.isArray(list)) continue;
    const inside = out.filter(
      p => p.segs.length > listSegs.length && isPrefix(listSegs, p.segs),
    );
    if (!inside.length) continue;
    out = [
      ...out.filter(p => !inside.includes(p)),
      ...defaultListProblems(
        listSegs,
        list,
        node.default as unknown[],
        inside,
        compiled,
      ),
    ];
  }
  return out;
}

/**
 * Checks one component's properties against its definition's committed JSON Schema and words
 * each problem as `realtime-kit validate` words the error cue reports for it (field path,
 * message, fix). The properties are checked as the kit hands them to cue: as JSON.
 */
export function checkParameters(
  properties: Record<string, unknown>,
  compiled: CompiledSchema,
): ParameterCheck {
  const input: unknown = JSON.parse(JSON.stringify(properties));
  const parameter = JSON.parse(JSON.stringify(properties));
  compiled.validate(parameter);
  const byPath = new Map<string, ErrorObject[]>();
  const missing: ComponentIssue[] = [];
  const closed: Problem[] = [];
  for (const e of errorsOf(compiled.validate)) {
    const segs = segsOf(e.instancePath);
    const params = e.params as Record<string, string>;
    if (e.keyword === 'required') {
      const fieldSegs = [...segs, params.missingProperty];
      const field = displayField(fieldSegs);
      const node = nodeAt(compiled.tree, fieldSegs);
      missing.push({
        field,
        message: 'required parameter is missing',
        fix: `set ${field}${node ? `: ${node.description}` : ''}`,
      });
    } else if (e.keyword === 'additionalProperties') {
      const key = params.additionalProperty;
      const allowed =
        nodeAt(compiled.tree, segs)?.children?.map(c => c.name) ?? [];
      closed.push({
        segs,
        issue: {
          field: displayField([...segs, key]),
          message: `unknown parameter "${key}" (field not allowed)`,
          fix: allowed.length
            ? `remove it or use one of: ${allowed.join(', ')}`
            : 'remove it',
        },
      });
    } else if (e.keyword !== 'if' && e.keyword !== 'allOf') {
      const key = segs.join('\0');
      byPath.set(key, [...(byPath.get(key) ?? []), e]);
    }
  }
  const value = withDefaultLists(
    [...byPath.values()].map(errors => {
      const segs = segsOf(errors[0].instancePath);
      return { segs, issue: valueIssue(errors, segs, input, compiled) };
    }),
    input,
    compiled,
  );
  // cue leaves out a struct's "field not allowed" when a value inside the struct is wrong.
  const reportedClosed = closed.filter(
    c => !value.some(v => isPrefix(c.segs, v.segs)),
  );
  return {
    value: value.map(p => p.issue),
    closed: reportedClosed.map(p => p.issue),
    missing,
    parameter,
  };
}
