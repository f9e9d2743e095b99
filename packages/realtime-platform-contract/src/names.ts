import { DNS_LABEL_MAX_LENGTH } from './patterns';

/** OAM component type of a realtime platform (ComponentDefinition `realtime-platform`). */
export const PLATFORM_COMPONENT_TYPE = 'realtime-platform';

/**
 * OAM component type of a service wired to a platform (ComponentDefinition
 * `realtime-webservice`). A type of its own: KubeVela's built-in `webservice` is left untouched.
 */
export const SERVICE_COMPONENT_TYPE = 'realtime-webservice';

/** Separator between the application namespace and the component name in a platform namespace. */
export const PLATFORM_NAMESPACE_SEPARATOR = '--';

/** Suffix of every platform namespace. */
export const PLATFORM_NAMESPACE_SUFFIX = '-realtime';

/** Kubernetes limit for a namespace name (DNS-1123 label). */
export const NAMESPACE_MAX_LENGTH = DNS_LABEL_MAX_LENGTH;

/**
 * The platform namespace `<namespace>--<name>-realtime` (realtime-platform's
 * `_platformNamespace`). Injective for DNS-1123 labels `namespace` and `name` when `name` has
 * no `--` (the definition rejects one): neither label ends with `-`, so the last `--` of the
 * result is the separator; {@link parsePlatformNamespace} inverts it.
 */
export function platformNamespace(name: string, namespace: string): string {
  return `${namespace}${PLATFORM_NAMESPACE_SEPARATOR}${name}${PLATFORM_NAMESPACE_SUFFIX}`;
}

/**
 * Inverse of {@link platformNamespace}: the application namespace and component name a platform
 * namespace was derived from, or undefined when it is not of that form.
 */
export function parsePlatformNamespace(
  platformNs: string,
): { namespace: string; name: string } | undefined {
  if (!platformNs.endsWith(PLATFORM_NAMESPACE_SUFFIX)) return undefined;
  const rest = platformNs.slice(0, -PLATFORM_NAMESPACE_SUFFIX.length);
  const cut = rest.lastIndexOf(PLATFORM_NAMESPACE_SEPARATOR);
  if (cut < 1) return undefined;
  const namespace = rest.slice(0, cut);
  const name = rest.slice(cut + PLATFORM_NAMESPACE_SEPARATOR.length);
  if (!name || name.includes(PLATFORM_NAMESPACE_SEPARATOR)) return undefined;
  return { namespace, name };
}

/** Names derived from a platform component `name` in application namespace `namespace`. */
export function platformNames(name: string, namespace: string) {
  return {
    /** Namespace holding the platform's workloads: `<namespace>--<name>-realtime`. */
    platformNamespace: platformNamespace(name, namespace),
    /** Aggregate connection secret, in the application namespace. */
    connectionSecret: `${name}-conn`,
    /** Generated credentials (source of truth), in the application namespace. */
    credentialsSecret: `${name}-credentials`,
    /** Generated MQTT device-user passwords, in the application namespace. */
    mqttUsersSecret: `${name}-mqtt-users`,
  };
}

/**
 * Label whose value is the platform namespace, on the composite and on every workload (and
 * Deployment or StatefulSet pod) composed for it: the Kubernetes plugin's label selector for a
 * platform entity, unique across applications where the component name alone is not.
 */
export const PLATFORM_INSTANCE_LABEL = 'realtime.platform.example.org/instance';
