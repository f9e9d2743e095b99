import {
  NAMESPACE_MAX_LENGTH,
  PLATFORM_COMPONENT_TYPE,
  PLATFORM_NAMESPACE_SEPARATOR,
  platformNamespace,
} from './names';

/** A problem with an application, in the shape every package reports it. */
export interface ContractIssue {
  component?: string;
  field?: string;
  message: string;
  fix: string;
}

/**
 * Longest realtime-platform component name (realtime-platform `_checks.name`): derived names
 * such as `<name>-lenses-agent-key` must fit the 63-character label limit.
 */
export const PLATFORM_NAME_MAX_LENGTH = 40;

/**
 * The rules realtime-platform's `_checks` apply to a component name and its application
 * namespace, with the definition's own messages (the kit's contract test compares them with
 * what `cue` reports).
 */
export function platformNameIssues(
  name: string,
  namespace: string,
): ContractIssue[] {
  const issues: ContractIssue[] = [];
  const issue = (message: string, fix: string) =>
    issues.push({ component: name, field: 'name', message, fix });
  if (name.length > PLATFORM_NAME_MAX_LENGTH) {
    issue(
      `component name "${name}" is ${name.length} characters; at most ${PLATFORM_NAME_MAX_LENGTH} so that derived names such as ${name}-mqtt-users and ${name}-lenses-agent-key fit the 63-character Kubernetes label limit`,
      'shorten the component name',
    );
  }
  if (name.includes(PLATFORM_NAMESPACE_SEPARATOR)) {
    issue(
      `component name "${name}" contains "${PLATFORM_NAMESPACE_SEPARATOR}", which is reserved as the separator of the platform namespace <app-namespace>${PLATFORM_NAMESPACE_SEPARATOR}<name>-realtime`,
      'use single dashes in the component name',
    );
  }
  const ns = platformNamespace(name, namespace);
  if (ns.length > NAMESPACE_MAX_LENGTH) {
    issue(
      `platform namespace "${ns}" is ${ns.length} characters; the Kubernetes limit for a namespace (DNS-1123 label) is ${NAMESPACE_MAX_LENGTH}`,
      'shorten the component name or the application namespace',
    );
  }
  return issues;
}

/** A realtime-platform component, as far as the cross-component rules look at it. */
export interface PlatformRef {
  name: string;
  topics: string[];
}

/** A realtime-webservice component, as far as the cross-component rules look at it. */
export interface ServiceRef {
  name: string;
  realtime?: string;
  produces: string[];
  consumes: string[];
}

/**
 * Rules across components that no single definition can check (KubeVela evaluates each
 * component alone): `realtime` names a platform of the same application, and every topic in
 * `produces` / `consumes` is declared by that platform.
 */
export function crossComponentIssues(
  platforms: PlatformRef[],
  services: ServiceRef[],
): ContractIssue[] {
  const issues: ContractIssue[] = [];
  const byName = new Map(platforms.map(p => [p.name, p]));
  for (const s of services) {
    if (s.realtime === undefined) continue;
    const platform = byName.get(s.realtime);
    if (!platform) {
      issues.push({
        component: s.name,
        field: 'realtime',
        message: `"${s.realtime}" is not a ${PLATFORM_COMPONENT_TYPE} component of this application`,
        fix: platforms.length
          ? `use one of: ${platforms.map(p => p.name).join(', ')}`
          : `add a ${PLATFORM_COMPONENT_TYPE} component named "${s.realtime}" or remove realtime`,
      });
      continue;
    }
    for (const field of ['produces', 'consumes'] as const) {
      s[field].forEach((topic, i) => {
        if (platform.topics.includes(topic)) return;
        issues.push({
          component: s.name,
          field: `${field}[${i}]`,
          message: `topic "${topic}" is not declared by platform "${platform.name}"`,
          fix: platform.topics.length
            ? `use one of: ${platform.topics.join(', ')}, or declare it under ${
                platform.name
              }'s topics`
            : `declare it under ${platform.name}'s topics`,
        });
      });
    }
  }
  return issues;
}
