import fs from 'node:fs';
import { parseAllDocuments } from 'yaml';
import {
  DNS1123_LABEL,
  DNS_LABEL_MAX_LENGTH,
  isDns1123Label,
  SERVICE_COMPONENT_TYPE,
} from '@internal/realtime-platform-contract';
import { ValidationIssue } from './issues';
import { displayField } from './issueText';
import { JsonObject } from './types';

/** One component of an OAM Application. */
export interface OamComponent {
  name: string;
  type: string;
  properties: Record<string, unknown>;
}

/** The parts of an OAM Application the kit uses. */
export interface OamApplication {
  file: string;
  name: string;
  /** `metadata.namespace`, or `default` as KubeVela uses. */
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  components: OamComponent[];
}

/** An OAM Application document as written, before {@link parseApplication} checks it. */
export interface ApplicationDocument {
  apiVersion: 'core.oam.dev/v1beta1';
  kind: 'Application';
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: {
    components: { name: string; type: string; properties?: JsonObject }[];
  };
}

/** A problem of the file as a whole: what is wrong and how to fix it. */
interface FileProblem {
  message: string;
  fix: string;
}

/** An issue of a component, before the file is added. */
type ComponentProblem = Omit<ValidationIssue, 'file'>;

/** The Application fields checked before its components, as the YAML holds them. */
interface ApplicationHeader {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  components: unknown[];
}

/** The one YAML document of the text, or the problem with it. */
function singleDocument(text: string): { value: unknown } | FileProblem {
  const docs = parseAllDocuments(text);
  const bad = docs.find(d => d.errors.length);
  if (bad) {
    return {
      message: `not valid YAML: ${bad.errors[0].message.split('\n')[0]}`,
      fix: 'correct the YAML syntax at the position shown',
    };
  }
  const objs = docs
    .map(d => d.toJS() as unknown)
    .filter(o => o !== null && o !== undefined);
  if (objs.length !== 1) {
    return {
      message: `expected exactly one YAML document, found ${objs.length}`,
      fix: 'put one OAM Application (core.oam.dev/v1beta1) in the file',
    };
  }
  return { value: objs[0] };
}

/** Checks that the document is an Application with a valid name, namespace and components. */
function applicationHeader(value: unknown): ApplicationHeader | FileProblem {
  if (typeof value !== 'object') {
    return {
      message: `not an OAM Application (got ${typeof value})`,
      fix: 'use apiVersion: core.oam.dev/v1beta1 and kind: Application',
    };
  }
  // Only the fields checked below are checked; labels and annotations are taken as written.
  const obj = value as {
    apiVersion?: unknown;
    kind?: unknown;
    metadata?: {
      name?: unknown;
      namespace?: unknown;
      labels?: Record<string, string>;
      annotations?: Record<string, string>;
    };
    spec?: { components?: unknown };
  };
  if (obj.apiVersion !== 'core.oam.dev/v1beta1' || obj.kind !== 'Application') {
    return {
      message: `not an OAM Application (got ${obj.apiVersion ?? '?'} ${
        obj.kind ?? '?'
      })`,
      fix: 'use apiVersion: core.oam.dev/v1beta1 and kind: Application',
    };
  }
  const name = obj.metadata?.name;
  if (typeof name !== 'string' || !isDns1123Label(name)) {
    return {
      message: `metadata.name is missing or not a DNS-1123 label of at most ${DNS_LABEL_MAX_LENGTH} characters`,
      fix: 'set metadata.name to a lowercase name such as "orders"',
    };
  }
  const namespace = obj.metadata?.namespace ?? 'default';
  if (typeof namespace !== 'string' || !isDns1123Label(namespace)) {
    return {
      message: `metadata.namespace is not a DNS-1123 label of at most ${DNS_LABEL_MAX_LENGTH} characters`,
      fix: 'set metadata.namespace to a lowercase name',
    };
  }
  const components = obj.spec?.components;
  if (!Array.isArray(components) || components.length === 0) {
    return {
      message: 'spec.components is missing or empty',
      fix: 'list at least one component under spec.components',
    };
  }
  return {
    name,
    namespace,
    labels: obj.metadata?.labels ?? {},
    annotations: obj.metadata?.annotations ?? {},
    components,
  };
}

/** The fix for an unknown component type: the known types, and what became of `webservice`. */
function unknownTypeFix(type: unknown, knownTypes: string[]): string {
  const renamed =
    type === 'webservice' && knownTypes.includes(SERVICE_COMPONENT_TYPE)
      ? ` (the type webservice was renamed ${SERVICE_COMPONENT_TYPE}; KubeVela's built-in webservice is not wired to a platform)`
      : '';
  return `use one of: ${knownTypes.join(', ')}${renamed}`;
}

/**
 * Checks the `index`th entry of `spec.components`; `seen` holds the names of the entries
 * before it and receives this one's.
 */
function checkComponent(
  entry: unknown,
  index: number,
  seen: Set<string>,
  knownTypes: string[],
): OamComponent | ComponentProblem {
  const c = entry as
    | { name?: unknown; type?: unknown; properties?: unknown }
    | null
    | undefined;
  if (!c || typeof c.name !== 'string' || !DNS1123_LABEL.test(c.name)) {
    return {
      field: `spec.components[${index}].name`,
      message: 'component name is missing or not a DNS-1123 label',
      fix: 'use lowercase letters, digits and "-"',
    };
  }
  const cname = c.name;
  if (seen.has(cname)) {
    return {
      component: cname,
      message: 'duplicate component name',
      fix: 'give every component a unique name',
    };
  }
  seen.add(cname);
  const type = c.type;
  if (typeof type !== 'string' || !knownTypes.includes(type)) {
    return {
      component: cname,
      field: 'type',
      message: `unknown component type "${type}"`,
      fix: unknownTypeFix(type, knownTypes),
    };
  }
  const props = c.properties ?? {};
  if (typeof props !== 'object' || Array.isArray(props)) {
    return {
      component: cname,
      field: 'properties',
      message: 'properties must be a mapping',
      fix: 'write properties as key: value pairs',
    };
  }
  const unreadable = textCueRefuses(props, []);
  if (unreadable) {
    return {
      component: cname,
      field: displayField(unreadable.path),
      message: `contains ${unreadable.what}, which cue cannot read`,
      fix: 'delete the invisible character (retype the value)',
    };
  }
  return {
    name: cname,
    type,
    properties: props as Record<string, unknown>,
  };
}

const BYTE_ORDER_MARK = '\uFEFF';
const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The first key or string value under `value` that cue refuses to read at all (a byte order
 * mark, an unpaired UTF-16 surrogate): left in, it fails the whole cue batch, not one field.
 */
function textCueRefuses(
  value: unknown,
  path: string[],
): { path: string[]; what: string } | undefined {
  const problem = (s: string) => {
    if (s.includes(BYTE_ORDER_MARK)) return 'a byte order mark (U+FEFF)';
    if (LONE_SURROGATE.test(s)) return 'an unpaired UTF-16 surrogate';
    return undefined;
  };
  if (typeof value === 'string') {
    const what = problem(value);
    return what ? { path, what } : undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  for (const [k, v] of Object.entries(value)) {
    const here = [...path, k];
    const what = problem(k);
    if (what) return { path: here, what };
    const found = textCueRefuses(v, here);
    if (found) return found;
  }
  return undefined;
}

/** Parses an OAM Application from text; returns issues instead of throwing. */
export function parseApplication(
  text: string,
  file: string,
  knownTypes: string[],
): { app?: OamApplication; issues: ValidationIssue[] } {
  const fileIssue = (p: FileProblem) => ({
    issues: [{ file, component: undefined, field: undefined, ...p }],
  });
  const doc = singleDocument(text);
  if ('message' in doc) return fileIssue(doc);
  const header = applicationHeader(doc.value);
  if ('message' in header) return fileIssue(header);
  const issues: ValidationIssue[] = [];
  const components: OamComponent[] = [];
  const seen = new Set<string>();
  header.components.forEach((entry, i) => {
    const checked = checkComponent(entry, i, seen, knownTypes);
    if ('message' in checked) issues.push({ file, ...checked });
    else components.push(checked);
  });
  if (issues.length) return { issues };
  const { name, namespace, labels, annotations } = header;
  return {
    app: { file, name, namespace, labels, annotations, components },
    issues: [],
  };
}

/** Reads and parses an application file. */
export function readApplication(
  file: string,
  knownTypes: string[],
): { app?: OamApplication; issues: ValidationIssue[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return {
      issues: [
        {
          file,
          message: `cannot read file: ${(e as Error).message}`,
          fix: 'check the path',
        },
      ],
    };
  }
  return parseApplication(text, file, knownTypes);
}
