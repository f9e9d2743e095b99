import fs from 'node:fs';
import { parseAllDocuments } from 'yaml';
import {
  DNS1123_LABEL,
  DNS_LABEL_MAX_LENGTH,
  isDns1123Label,
  SERVICE_COMPONENT_TYPE,
} from '@internal/realtime-platform-contract';
import { ValidationIssue } from './issues';

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

/** Parses an OAM Application from text; returns issues instead of throwing. */
export function parseApplication(
  text: string,
  file: string,
  knownTypes: string[],
): { app?: OamApplication; issues: ValidationIssue[] } {
  const issue = (
    message: string,
    fix: string,
    component?: string,
    field?: string,
  ) => ({
    issues: [{ file, component, field, message, fix }],
  });
  const docs = parseAllDocuments(text);
  const bad = docs.find(d => d.errors.length);
  if (bad) {
    return issue(
      `not valid YAML: ${bad.errors[0].message.split('\n')[0]}`,
      'correct the YAML syntax at the position shown',
    );
  }
  const objs = docs
    .map(d => d.toJS())
    .filter(o => o !== null && o !== undefined);
  if (objs.length !== 1) {
    return issue(
      `expected exactly one YAML document, found ${objs.length}`,
      'put one OAM Application (core.oam.dev/v1beta1) in the file',
    );
  }
  const obj = objs[0] as any;
  if (
    typeof obj !== 'object' ||
    obj.apiVersion !== 'core.oam.dev/v1beta1' ||
    obj.kind !== 'Application'
  ) {
    const got =
      typeof obj === 'object'
        ? `${obj.apiVersion ?? '?'} ${obj.kind ?? '?'}`
        : typeof obj;
    return issue(
      `not an OAM Application (got ${got})`,
      'use apiVersion: core.oam.dev/v1beta1 and kind: Application',
    );
  }
  const name = obj.metadata?.name;
  if (typeof name !== 'string' || !isDns1123Label(name)) {
    return issue(
      `metadata.name is missing or not a DNS-1123 label of at most ${DNS_LABEL_MAX_LENGTH} characters`,
      'set metadata.name to a lowercase name such as "orders"',
    );
  }
  const namespace = obj.metadata?.namespace ?? 'default';
  if (typeof namespace !== 'string' || !isDns1123Label(namespace)) {
    return issue(
      `metadata.namespace is not a DNS-1123 label of at most ${DNS_LABEL_MAX_LENGTH} characters`,
      'set metadata.namespace to a lowercase name',
    );
  }
  if (
    !Array.isArray(obj.spec?.components) ||
    obj.spec.components.length === 0
  ) {
    return issue(
      'spec.components is missing or empty',
      'list at least one component under spec.components',
    );
  }
  const issues: ValidationIssue[] = [];
  const components: OamComponent[] = [];
  const seen = new Set<string>();
  obj.spec.components.forEach((c: any, i: number) => {
    const cname = typeof c?.name === 'string' ? c.name : undefined;
    if (!cname || !DNS1123_LABEL.test(cname)) {
      issues.push({
        file,
        field: `spec.components[${i}].name`,
        message: 'component name is missing or not a DNS-1123 label',
        fix: 'use lowercase letters, digits and "-"',
      });
      return;
    }
    if (seen.has(cname)) {
      issues.push({
        file,
        component: cname,
        message: 'duplicate component name',
        fix: 'give every component a unique name',
      });
      return;
    }
    seen.add(cname);
    if (!knownTypes.includes(c.type)) {
      issues.push({
        file,
        component: cname,
        field: 'type',
        message: `unknown component type "${c.type}"`,
        fix: `use one of: ${knownTypes.join(', ')}${
          c.type === 'webservice' && knownTypes.includes(SERVICE_COMPONENT_TYPE)
            ? ` (the type webservice was renamed ${SERVICE_COMPONENT_TYPE}; KubeVela's built-in webservice is not wired to a platform)`
            : ''
        }`,
      });
      return;
    }
    const props = c.properties ?? {};
    if (typeof props !== 'object' || Array.isArray(props)) {
      issues.push({
        file,
        component: cname,
        field: 'properties',
        message: 'properties must be a mapping',
        fix: 'write properties as key: value pairs',
      });
      return;
    }
    components.push({ name: cname, type: c.type, properties: props });
  });
  if (issues.length) return { issues };
  return {
    app: {
      file,
      name,
      namespace,
      labels: obj.metadata?.labels ?? {},
      annotations: obj.metadata?.annotations ?? {},
      components,
    },
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
