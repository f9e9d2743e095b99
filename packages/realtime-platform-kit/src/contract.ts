/** One key of the aggregate connection secret `<platform>-conn`. */
export interface ConnectionKeySpec {
  key: string;
  description: string;
  /** Shape of the value, never the value of a credential. */
  shape: string;
  /** True for passwords and values embedding them. */
  credential: boolean;
  /** Service (in the platform namespace) and port the value points to. */
  service?: { name: string; port: number };
  /** When the key is present, if not always. */
  when?: string;
}

/** The fixed keys of `<platform>-conn`; plus one `TOPIC_<NAME>` key per declared topic. */
export const CONNECTION_KEYS: ConnectionKeySpec[] = [
  {
    key: 'KAFKA_BOOTSTRAP_SERVERS',
    description: 'Kafka bootstrap servers (PLAINTEXT)',
    shape: 'host:port',
    credential: false,
    service: { name: 'kafka', port: 9092 },
  },
  {
    key: 'SCHEMA_REGISTRY_URL',
    description: 'Confluent-compatible schema registry',
    shape: 'http://host:port',
    credential: false,
    service: { name: 'schema-registry', port: 8081 },
  },
  {
    key: 'MQTT_HOST',
    description: 'Mosquitto host (TCP listener)',
    shape: 'host',
    credential: false,
    service: { name: 'mqtt', port: 1883 },
  },
  {
    key: 'MQTT_PORT',
    description: 'Mosquitto TCP port',
    shape: 'port number',
    credential: false,
    service: { name: 'mqtt', port: 1883 },
  },
  {
    key: 'MQTT_WS_URL',
    description: 'Mosquitto WebSocket listener',
    shape: 'ws://host:port/',
    credential: false,
    service: { name: 'mqtt', port: 9001 },
  },
  {
    key: 'MQTT_USERNAME',
    description: 'MQTT user for applications (read/write on every topic)',
    shape: 'username ("app")',
    credential: false,
  },
  {
    key: 'MQTT_PASSWORD',
    description:
      'Password of MQTT_USERNAME, generated once (key MQTT_PASSWORD of <platform>-credentials)',
    shape: 'generated: 32 letters and digits',
    credential: true,
  },
  {
    key: 'LENSES_HQ_URL',
    description: 'Lenses HQ UI and API',
    shape: 'http://host:port',
    credential: false,
    service: { name: 'lenses-hq', port: 8080 },
    when: 'lenses is set',
  },
  {
    key: 'METABASE_URL',
    description: 'Metabase UI and API',
    shape: 'http://host:port',
    credential: false,
    service: { name: 'metabase', port: 3000 },
  },
  {
    key: 'POSTGRES_HOST',
    description: 'PostgreSQL host (analytics database)',
    shape: 'host',
    credential: false,
    service: { name: 'postgresql', port: 5432 },
  },
  {
    key: 'POSTGRES_PORT',
    description: 'PostgreSQL port',
    shape: 'port number',
    credential: false,
    service: { name: 'postgresql', port: 5432 },
  },
  {
    key: 'POSTGRES_DB',
    description: 'Analytics database (postgresql.database)',
    shape: 'database name',
    credential: false,
  },
  {
    key: 'POSTGRES_USER',
    description: 'Analytics database user (postgresql.user)',
    shape: 'role name',
    credential: false,
  },
  {
    key: 'POSTGRES_PASSWORD',
    description:
      'Password of POSTGRES_USER, generated once (key POSTGRES_PASSWORD of <platform>-credentials)',
    shape: 'generated: 32 letters and digits',
    credential: true,
  },
  {
    key: 'POSTGRES_URL',
    description: 'The same connection as a libpq URL',
    shape: 'postgresql://user:password@host:port/db',
    credential: true,
    service: { name: 'postgresql', port: 5432 },
  },
];

/** Connection-secret key for a topic: `TOPIC_` + upper-cased name with every other character as `_`. */
export function topicKey(topic: string): string {
  return `TOPIC_${topic.replace(/[^a-zA-Z0-9]/g, '_').toUpperCase()}`;
}

/** A valid environment variable name (POSIX portable). */
export const ENV_VAR_NAME = /^[A-Z_][A-Z0-9_]*$/;

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
export const NAMESPACE_MAX_LENGTH = 63;

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
