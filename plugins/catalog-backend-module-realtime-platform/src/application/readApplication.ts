import { isSafeTopicName } from '@internal/plugin-realtime-platform-common';
import {
  crossComponentIssues,
  PLATFORM_COMPONENT_TYPE,
  platformNameIssues,
  SERVICE_COMPONENT_TYPE,
} from '@internal/realtime-platform-contract';
import {
  OamComponent,
  parseApplication,
  ValidationIssue,
} from '@internal/realtime-platform-kit';
import {
  PlatformComponent,
  RealtimeApplication,
  ServiceComponent,
} from './model';

/** OAM component types the module understands. */
export const PLATFORM_TYPE = PLATFORM_COMPONENT_TYPE;
/** OAM component type of services (`realtime-webservice`, not KubeVela's built-in `webservice`). */
export const SERVICE_TYPE = SERVICE_COMPONENT_TYPE;

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
  issues.push(...platformNameIssues(c.name, namespace));
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
  issues.push(...crossComponentIssues(platforms, services));
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
