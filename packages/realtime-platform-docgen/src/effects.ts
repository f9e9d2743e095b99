import { parse, stringify } from 'yaml';
import {
  RealtimeKit,
  RenderedComponent,
  RenderResult,
} from '@internal/realtime-platform-kit';
import { allParams, Param } from './tree';

/** One Kubernetes object a parameter change touches. */
export interface ObjectChange {
  /** `Kind name` of the object in the base render. */
  object: string;
  change: 'created' | 'deleted' | 'changed';
  /** Changed fields, shortened to their first meaningful segments. */
  fields: string[];
  effect: string;
  dataLoss: boolean;
}

/** What changing one parameter does to the rendered objects. */
export interface ParameterEffect {
  path: string;
  /** The variant that was rendered, e.g. `ingest: 1 → 2`; absent when no variant rendered. */
  variant?: string;
  /** The variant application (YAML) that was rendered, so the effect can be replayed on a cluster. */
  application?: string;
  changes: ObjectChange[];
  /** Why no effect could be measured. */
  skipped?: string;
}

type Json = unknown;
type Segment = string | number;
const ABSENT = Symbol('absent');
type Candidate = Json | typeof ABSENT;

function segments(path: string): Segment[] {
  return path
    .replace(/\[\]/g, '.0')
    .split('.')
    .filter(Boolean)
    .map(s => (/^\d+$/.test(s) ? Number(s) : s));
}

function getAt(obj: Json, segs: Segment[]): Json {
  let cur = obj;
  for (const s of segs) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, Json>)[s as string];
  }
  return cur;
}

/** Sets (or deletes, for ABSENT) a value, creating intermediate objects; false when a list is too short. */
function setAt(
  obj: Record<string, Json>,
  segs: Segment[],
  value: Candidate,
): boolean {
  let cur: Record<string, Json> = obj;
  for (const s of segs.slice(0, -1)) {
    let next = cur[s as string];
    if (next === undefined) {
      if (typeof s === 'number') return false;
      next = {};
      cur[s] = next;
    }
    cur = next as Record<string, Json>;
  }
  const last = segs[segs.length - 1] as string;
  if (value === ABSENT) delete cur[last];
  else cur[last] = value;
  return true;
}

function accepts(p: Param, v: string): boolean {
  const ok = (re: string) => {
    try {
      return new RegExp(re).test(v);
    } catch {
      return true;
    }
  };
  return (
    p.patterns.every(ok) &&
    !p.notPatterns.some(ok) &&
    (p.minLength === undefined || v.length >= p.minLength) &&
    (p.maxLength === undefined || v.length <= p.maxLength)
  );
}

function stringCandidates(
  p: Param,
  cur: string,
  related: string[],
  pool: string[],
): string[] {
  const out: string[] = [];
  const num = /^(\d+)(.*)$/.exec(cur);
  if (num) out.push(`${Number(num[1]) * 2}${num[2]}`);
  out.push(...related, `${cur}x`, `x${cur}`, ...pool);
  return [...new Set(out)].filter(v => v !== cur && accepts(p, v));
}

/**
 * Values to try for a parameter, best first; each differs from `cur`. `related` are the values
 * the same parameter has elsewhere in the example (other list items, other components).
 */
function candidates(
  p: Param,
  cur: Json,
  related: string[],
  pool: string[],
): Candidate[] {
  const out: Candidate[] = [];
  if (p.optional && cur !== undefined) out.push(ABSENT);
  if (p.enum)
    out.push(...p.enum.filter(v => JSON.stringify(v) !== JSON.stringify(cur)));
  else if (p.type === 'boolean' && typeof cur === 'boolean') out.push(!cur);
  else if (
    (p.type === 'integer' || p.type === 'number') &&
    typeof cur === 'number'
  ) {
    if (p.maximum === undefined || cur + 1 <= p.maximum) out.push(cur + 1);
    if (p.minimum === undefined || cur - 1 >= p.minimum) out.push(cur - 1);
  } else if (p.type === 'string' && typeof cur === 'string') {
    out.push(...stringCandidates(p, cur, related, pool));
  } else if (p.type === 'string' && cur === undefined) {
    out.push(...[...new Set([...related, ...pool])].filter(v => accepts(p, v)));
  } else if (p.type === 'array' && Array.isArray(cur)) {
    // Emptying a list is always valid when other fields do not refer to its items.
    if (cur.length) out.push([]);
    if (p.items?.type === 'string') {
      const extra = [...new Set([...related, ...pool])].filter(
        v => !cur.includes(v) && accepts(p.items!, v),
      );
      out.push(...extra.map(v => [...cur, v]));
    }
  }
  return out;
}

function describe(v: Candidate): string {
  return v === ABSENT ? '(key removed)' : JSON.stringify(v);
}

interface Snapshot {
  [key: string]: { label: string; object: Json };
}

/** Objects of a render keyed stably: composed resources by composition-resource-name. */
function snapshot(result: RenderResult): Snapshot {
  const out: Snapshot = {};
  for (const o of result.objects as {
    kind: string;
    metadata: { name: string };
  }[]) {
    out[`${o.kind}/${o.metadata.name}`] = {
      label: `${o.kind} ${o.metadata.name}`,
      object: o,
    };
  }
  for (const p of result.platforms) {
    for (const c of p.composed) {
      const m = c.resource?.spec?.forProvider?.manifest;
      // provider-kubernetes Objects: the manifest, plus the wrapper's references (secret
      // copies patch the manifest from another Secret at apply time).
      const object = m
        ? { ...m, references: c.resource.spec?.references }
        : c.resource;
      const kind = m?.kind ?? c.resource.kind;
      out[`composed/${p.component}/${c.name}`] = {
        label: `${kind} ${(m ?? c.resource).metadata?.name}`,
        object: { ...object, kind },
      };
    }
  }
  return out;
}

function diffPaths(a: Json, b: Json, path = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (
    a &&
    b &&
    typeof a === 'object' &&
    typeof b === 'object' &&
    !Array.isArray(a) === !Array.isArray(b)
  ) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap(k =>
      diffPaths(
        (a as Record<string, Json>)[k],
        (b as Record<string, Json>)[k],
        path ? `${path}.${k}` : k,
      ),
    );
  }
  return [path];
}

function kindOf(label: string): string {
  return label.split(' ')[0];
}

/** The consequence of a change, by object kind and changed field (Kubernetes semantics). */
export function classify(
  kind: string,
  change: ObjectChange['change'],
  fields: string[],
): { effect: string; dataLoss: boolean } {
  const has = (prefix: string) =>
    fields.some(f => f === prefix || f.startsWith(`${prefix}.`));
  const stateful = kind === 'StatefulSet' || kind === 'PersistentVolumeClaim';
  if (change === 'created') return { effect: 'created', dataLoss: false };
  if (change === 'deleted')
    return {
      effect: stateful ? 'deleted (its volumes are no longer used)' : 'deleted',
      dataLoss: stateful,
    };
  if (has('metadata.name'))
    return {
      effect:
        kind === 'Job'
          ? 'replaced by a Job with a new name (the name carries a hash of its content): it runs again'
          : 'replaced by an object with a new name',
      dataLoss: stateful || kind === 'Namespace',
    };
  if (kind === 'StatefulSet' && has('spec.volumeClaimTemplates'))
    return {
      effect:
        'volumeClaimTemplates are immutable: the StatefulSet must be deleted and recreated; existing volumes keep their old size',
      dataLoss: true,
    };
  if (kind === 'Job' && has('spec.template'))
    return {
      effect:
        'Job template is immutable: the Job must be recreated to run again',
      dataLoss: false,
    };
  if ((kind === 'Deployment' || kind === 'StatefulSet') && has('spec.template'))
    return {
      effect: `rolling update of its pods${
        kind === 'StatefulSet' ? ' (one at a time, highest ordinal first)' : ''
      }`,
      dataLoss: false,
    };
  if ((kind === 'Deployment' || kind === 'StatefulSet') && has('spec.replicas'))
    return {
      effect: 'scaled: pods added or removed, the others keep running',
      dataLoss: false,
    };
  if (kind === 'Secret')
    return {
      effect:
        'updated in place; pods read it at start (envFrom), so running pods keep the old values until restarted',
      dataLoss: false,
    };
  if (kind === 'ConfigMap')
    return {
      effect: 'updated in place; read by its pods at start',
      dataLoss: false,
    };
  if (fields.every(f => f.startsWith('metadata.')))
    return { effect: 'metadata updated in place', dataLoss: false };
  return { effect: 'updated in place', dataLoss: false };
}

function shorten(field: string): string {
  const segs = field.split('.');
  if (segs[0] === 'data' || segs[0] === 'stringData')
    return segs.slice(0, 2).join('.');
  if (segs[0] === 'metadata') return segs.slice(0, 2).join('.');
  if (segs[1] === 'template') return segs.slice(0, 2).join('.');
  return segs.slice(0, 2).join('.');
}

function compare(
  base: Snapshot,
  variant: Snapshot,
  noise: Set<string>,
): ObjectChange[] {
  const out: ObjectChange[] = [];
  const keys = [
    ...new Set([...Object.keys(base), ...Object.keys(variant)]),
  ].sort();
  for (const key of keys) {
    const a = base[key];
    const b = variant[key];
    if (!a || !b) {
      const label = (a ?? b).label;
      const change = a ? 'deleted' : 'created';
      out.push({
        object: label,
        change,
        fields: [],
        ...classify(kindOf(label), change, []),
      });
      continue;
    }
    const fields = diffPaths(a.object, b.object).filter(
      f => !noise.has(`${key}:${f}`),
    );
    if (!fields.length) continue;
    out.push({
      object: a.label,
      change: 'changed',
      fields: [...new Set(fields.map(shorten))],
      ...classify(kindOf(a.label), 'changed', fields),
    });
  }
  return out;
}

function stringPool(v: Json, out = new Set<string>()): Set<string> {
  if (typeof v === 'string') out.add(v);
  else if (Array.isArray(v)) v.forEach(x => stringPool(x, out));
  else if (v && typeof v === 'object')
    Object.values(v).forEach(x => stringPool(x, out));
  return out;
}

const ROUNDS = 4;

/** Strings found at `segs` in any of `params`, any list index. */
function relatedValues(params: Json[], segs: Segment[]): string[] {
  const out = new Set<string>();
  const walk = (v: Json, i: number) => {
    if (i === segs.length) {
      stringPool(v, out);
      return;
    }
    if (typeof segs[i] === 'number') {
      if (Array.isArray(v)) v.forEach(x => walk(x, i + 1));
    } else if (v && typeof v === 'object') {
      walk((v as Record<string, Json>)[segs[i] as string], i + 1);
    }
  };
  params.forEach(p => walk(p, 0));
  return [...out].sort();
}

/** One variant to render: a value for the parameter of one component. */
interface Attempt {
  component: string;
  current: Json;
  value: Candidate;
}

interface Job {
  param: Param;
  segs: Segment[];
  queue: Attempt[];
  effect: ParameterEffect;
}

/** A component type whose parameters {@link measureEffects} measures. */
export interface EffectTarget {
  type: string;
  tree: Param;
}

/** The parts of the example application a variant edits. */
interface ExampleApp {
  spec: {
    components: {
      name: string;
      type: string;
      properties?: Record<string, Json>;
    }[];
  };
}

/** The unchanged example: its text, its parsed form and the render every variant is compared with. */
interface Base {
  text: string;
  app: ExampleApp;
  result: RenderResult;
  snapshot: Snapshot;
  /** `key:field` of the fields that differ between two renders of the unchanged application. */
  noise: Set<string>;
}

async function renderBase(
  kit: RealtimeKit,
  exampleText: string,
): Promise<Base> {
  const app = parse(exampleText) as ExampleApp;
  const [first, second] = await kit.validateTexts([
    { file: 'base-1.yaml', text: exampleText },
    { file: 'base-2.yaml', text: exampleText },
  ]);
  if (!first.valid || !second.valid)
    throw new Error(
      'the example used to measure change effects does not render',
    );
  const base = snapshot(first.result!);
  const other = snapshot(second.result!);
  const noise = new Set<string>();
  for (const key of Object.keys(base)) {
    for (const f of diffPaths(base[key].object, other[key]?.object))
      noise.add(`${key}:${f}`);
  }
  return {
    text: exampleText,
    app,
    result: first.result!,
    snapshot: base,
    noise,
  };
}

/** True when a list on the way to `segs` is absent or empty in `parameter`. */
function listMissing(parameter: Json, segs: Segment[]): boolean {
  return segs.some(
    (seg, i) =>
      typeof seg === 'number' &&
      !(getAt(parameter, segs.slice(0, i)) as Json[] | undefined)?.length,
  );
}

/** The attempts for one parameter over the components of its type, in the order given. */
function jobFor(
  param: Param,
  ordered: RenderedComponent[],
  pool: string[],
): Job {
  const segs = segments(param.path);
  const related = relatedValues(
    ordered.map(c => c.parameter),
    segs,
  );
  const queue: Attempt[] = ordered.flatMap((c, rank) => {
    if (listMissing(c.parameter, segs)) return [];
    const current = getAt(c.parameter, segs);
    return candidates(param, current, related, pool)
      .slice(0, rank === 0 ? ROUNDS - 2 : 1)
      .map(value => ({ component: c.name, current, value }));
  });
  const effect: ParameterEffect = { path: param.path, changes: [] };
  if (ordered.every(c => listMissing(c.parameter, segs)))
    effect.skipped = 'the example has no item in this list';
  else if (!queue.length) effect.skipped = 'no other valid value to try';
  return { param, segs, queue: queue.slice(0, ROUNDS), effect };
}

function jobsFor(target: EffectTarget, base: Base, pool: string[]): Job[] {
  const rendered = base.result.components.filter(c => c.type === target.type);
  if (!rendered.length)
    throw new Error(
      `the example used to measure change effects has no ${target.type} component`,
    );
  // The component that sets the most parameters exercises the most of them; the others are
  // tried when its variants fail (e.g. a key it sets that other keys depend on).
  const ordered = [...rendered].sort(
    (a, b) =>
      JSON.stringify(b.parameter).length - JSON.stringify(a.parameter).length,
  );
  return allParams(target.tree).map(param => jobFor(param, ordered, pool));
}

/** The example with one attempt applied; unchanged when a list on the path is too short. */
function variantText(base: Base, segs: Segment[], attempt: Attempt): string {
  const variant = structuredClone(base.app);
  const comp = variant.spec.components.find(c => c.name === attempt.component)!;
  comp.properties ??= {};
  const ok = setAt(comp.properties, segs, attempt.value);
  return ok ? stringify(variant) : base.text;
}

function recordEffect(
  job: Job,
  attempt: Attempt,
  application: string,
  result: RenderResult,
  base: Base,
): void {
  const before =
    attempt.current === undefined ? '(not set)' : describe(attempt.current);
  job.effect.variant = `${attempt.component}: ${before} → ${describe(
    attempt.value,
  )}`;
  job.effect.application = application;
  job.effect.changes = compare(base.snapshot, snapshot(result), base.noise);
  delete job.effect.skipped;
}

/** Renders the next attempt of every pending job in one batch and records those accepted. */
async function runRound(kit: RealtimeKit, base: Base, pending: Job[]) {
  const tried = pending.map(job => {
    const attempt = job.queue.shift()!;
    return { job, attempt, text: variantText(base, job.segs, attempt) };
  });
  const results = await kit.validateTexts(
    tried.map((t, i) => ({ file: `variant-${i}.yaml`, text: t.text })),
  );
  results.forEach((r, i) => {
    const { job, attempt, text } = tried[i];
    if (r.valid) recordEffect(job, attempt, text, r.result!, base);
  });
}

/**
 * Measures what each parameter of the given component types changes: renders the example
 * application once per parameter with that parameter changed (in batches: one cue run and one
 * composition run per round, all types together) and compares every object with the unchanged
 * render. Fields that differ between two renders of the unchanged application (generated
 * credentials) are ignored. At most {@link ROUNDS} values are tried per parameter.
 */
export async function measureEffects(
  kit: RealtimeKit,
  exampleText: string,
  targets: EffectTarget[],
): Promise<Map<string, ParameterEffect[]>> {
  const base = await renderBase(kit, exampleText);
  const pool = [
    ...stringPool(base.result.components.map(c => c.parameter)),
  ].sort();
  const jobsByType = new Map<string, Job[]>(
    targets.map(t => [t.type, jobsFor(t, base, pool)]),
  );
  const jobs = [...jobsByType.values()].flat();
  for (let round = 0; round < ROUNDS; round++) {
    const pending = jobs.filter(j => j.queue.length && !j.effect.variant);
    if (!pending.length) break;
    await runRound(kit, base, pending);
  }
  for (const j of jobs) {
    if (!j.effect.variant && !j.effect.skipped)
      j.effect.skipped =
        'no variant tried was accepted (other parameters refer to this value)';
  }
  return new Map(
    [...jobsByType].map(([type, list]) => [type, list.map(j => j.effect)]),
  );
}
