import { isSafeTopicName } from '@internal/plugin-realtime-platform-common';
import {
  NAMESPACE_MAX_LENGTH,
  OamComponent,
  parseApplication,
  PLATFORM_COMPONENT_TYPE,
  PLATFORM_NAMESPACE_SEPARATOR,
  platformNames,
  SERVICE_COMPONENT_TYPE,
  ValidationIssue,
} from '@internal/realtime-platform-kit';
import { longestPartName } from './parts';
import {
  PlatformComponent,
  RealtimeApplication,
  ServiceComponent,
} from './model';

/** OAM component types the module understands. */
export const PLATFORM_TYPE = PLATFORM_COMPONENT_TYPE;
/** OAM component type of services (`realtime-webservice`, not KubeVela's built-in `webservice`). */
export const SERVICE_TYPE = SERVICE_COMPONENT_TYPE;

const K8S_LABEL_LIMIT = 63;

type Issue = Omit<ValidationIssue, 'file'>;

function stringList(
  value: unknown,
  field: string,
  issues: Issue[],
  component: string,
): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some(v => typeof v !== 'string')) {
    issues.push({
      component,
      field,
      message: 'must be a list of topic names',
      fix: `write ${field} as a YAML list of strings`,
    });
    return [];
  }
  return value as string[];
}

function readPlatform(
  c: OamComponent,
  namespace: string,
  issues: Issue[],
): PlatformComponent {
  const { platformNamespace } = platformNames(c.name, namespace);
  if (c.name.includes(PLATFORM_NAMESPACE_SEPARATOR)) {
    // Same rule and wording as the definition's _checks: "--" separates the names.
    issues.push({
      component: c.name,
      field: 'name',
      message: `component name "${c.name}" contains "${PLATFORM_NAMESPACE_SEPARATOR}", which is reserved as the separator of the platform namespace <app-namespace>${PLATFORM_NAMESPACE_SEPARATOR}<name>-realtime`,
      fix: 'use single dashes in the component name',
    });
  } else if (platformNamespace.length > NAMESPACE_MAX_LENGTH) {
    issues.push({
      component: c.name,
      field: 'name',
      message: `the platform namespace "${platformNamespace}" has ${platformNamespace.length} characters; the Kubernetes limit for a namespace (DNS-1123 label) is ${NAMESPACE_MAX_LENGTH}`,
      fix: 'shorten the component name or the application namespace',
    });
  }
  const partName = longestPartName(c.name);
  if (partName.length > K8S_LABEL_LIMIT) {
    issues.push({
      component: c.name,
      field: 'name',
      message: `the catalog entity name "${partName}" has ${partName.length} characters; the limit is ${K8S_LABEL_LIMIT}`,
      fix: 'shorten the component name',
    });
  }
  const rawTopics = c.properties.topics ?? [];
  const topics: string[] = [];
  if (!Array.isArray(rawTopics)) {
    issues.push({
      component: c.name,
      field: 'topics',
      message: 'must be a list of topics',
      fix: 'write topics as a YAML list of `- name: <topic>` entries',
    });
  } else {
    rawTopics.forEach((t: unknown, i: number) => {
      const name =
        typeof t === 'object' && t !== null
          ? (t as Record<string, unknown>).name
          : undefined;
      if (typeof name !== 'string' || !isSafeTopicName(name)) {
        issues.push({
          component: c.name,
          field: `topics[${i}].name`,
          message: 'is not a valid Kafka topic name',
          fix: 'use 1-249 of letters, digits, ".", "_" and "-"',
        });
      } else topics.push(name);
    });
  }
  const lenses = c.properties.lenses;
  return {
    name: c.name,
    topics,
    lenses: lenses !== undefined && lenses !== null,
  };
}

function readService(c: OamComponent, issues: Issue[]): ServiceComponent {
  const realtime = c.properties.realtime;
  if (realtime !== undefined && typeof realtime !== 'string') {
    issues.push({
      component: c.name,
      field: 'realtime',
      message: 'must be the name of a realtime-platform component',
      fix: 'write realtime: <platform component name>',
    });
  }
  return {
    name: c.name,
    realtime: typeof realtime === 'string' ? realtime : undefined,
    produces: stringList(c.properties.produces, 'produces', issues, c.name),
    consumes: stringList(c.properties.consumes, 'consumes', issues, c.name),
  };
}

function crossCheck(
  platforms: PlatformComponent[],
  services: ServiceComponent[],
  issues: Issue[],
) {
  const byName = new Map(platforms.map(p => [p.name, p]));
  for (const s of services) {
    if (s.realtime === undefined) {
      if (s.produces.length || s.consumes.length) {
        issues.push({
          component: s.name,
          field: 'realtime',
          message: 'produces/consumes need realtime',
          fix: 'set realtime to the platform component name',
        });
      }
      continue;
    }
    const platform = byName.get(s.realtime);
    if (!platform) {
      issues.push({
        component: s.name,
        field: 'realtime',
        message: `"${s.realtime}" is not a ${PLATFORM_TYPE} component of this application`,
        fix: platforms.length
          ? `use one of: ${platforms.map(p => p.name).join(', ')}`
          : `add a ${PLATFORM_TYPE} component named "${s.realtime}" or remove realtime`,
      });
      continue;
    }
    for (const field of ['produces', 'consumes'] as const) {
      s[field].forEach((t, i) => {
        if (!platform.topics.includes(t)) {
          issues.push({
            component: s.name,
            field: `${field}[${i}]`,
            message: `topic "${t}" is not declared by platform "${platform.name}"`,
            fix: `declare it under ${platform.name}'s topics`,
          });
        }
      });
    }
  }
}

/**
 * Parses an OAM Application text with the definitions' library and checks
 * everything the generated entities depend on. Never throws: problems come
 * back as issues naming the file, component and field.
 *
 * @public
 */
export function readRealtimeApplication(
  text: string,
  file: string,
  knownTypes: string[] = [PLATFORM_TYPE, SERVICE_TYPE],
): { app?: RealtimeApplication; issues: ValidationIssue[] } {
  let parsed: ReturnType<typeof parseApplication>;
  try {
    parsed = parseApplication(text, file, knownTypes);
  } catch (e) {
    return {
      issues: [
        {
          file,
          message: `cannot be read: ${(e as Error).message}`,
          fix: 'check that the file is one YAML document',
        },
      ],
    };
  }
  if (!parsed.app) return { issues: parsed.issues };
  const { app } = parsed;
  const issues: Issue[] = [];
  const platforms: PlatformComponent[] = [];
  const services: ServiceComponent[] = [];
  for (const c of app.components) {
    if (c.type === PLATFORM_TYPE)
      platforms.push(readPlatform(c, app.namespace, issues));
    else if (c.type === SERVICE_TYPE) services.push(readService(c, issues));
  }
  crossCheck(platforms, services, issues);
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(app.annotations ?? {})) {
    if (typeof v === 'string') annotations[k] = v;
  }
  if (issues.length) {
    return { issues: issues.map(i => ({ file, ...i })) };
  }
  return {
    app: {
      file,
      name: app.name,
      namespace: app.namespace,
      annotations,
      platforms,
      services,
    },
    issues: [],
  };
}
