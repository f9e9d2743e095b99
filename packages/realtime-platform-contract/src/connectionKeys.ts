import { SERVICES, ServiceEndpoint } from './services';

/** One key of the aggregate connection secret `<platform>-conn`. */
export interface ConnectionKeySpec {
  key: string;
  description: string;
  /** Shape of the value, never the value of a credential. */
  shape: string;
  /** True for passwords and values embedding them. */
  credential: boolean;
  /** For a credential: the key of `<platform>-credentials` whose value it is or embeds. */
  generatedFrom?: string;
  /** Service (in the platform namespace) and port the value points to. */
  service?: ServiceEndpoint;
  /** The Service and port the value points to instead when the platform sets `mqtt.tls`. */
  tlsService?: ServiceEndpoint;
  /** When the key is present, if not always. */
  when?: string;
}

/** The fixed keys of `<platform>-conn`; plus one `TOPIC_<NAME>` key per declared topic. */
export const CONNECTION_KEYS: ConnectionKeySpec[] = [
  {
    key: 'KAFKA_BOOTSTRAP_SERVERS',
    description: 'Kafka bootstrap servers (SASL/SCRAM listener)',
    shape: 'host:port',
    credential: false,
    service: SERVICES.kafka,
  },
  {
    key: 'KAFKA_SECURITY_PROTOCOL',
    description: 'Kafka client `security.protocol`',
    shape: '"SASL_PLAINTEXT"',
    credential: false,
  },
  {
    key: 'KAFKA_SASL_MECHANISM',
    description: 'Kafka client `sasl.mechanism`',
    shape: '"SCRAM-SHA-512"',
    credential: false,
  },
  {
    key: 'KAFKA_USERNAME',
    description:
      'Kafka principal for applications (ACLs: the declared topics, any group)',
    shape: 'username ("app")',
    credential: false,
  },
  {
    key: 'KAFKA_PASSWORD',
    description:
      'SCRAM password of KAFKA_USERNAME, generated once (key KAFKA_APP_PASSWORD of <platform>-credentials)',
    shape: 'generated: 32 letters and digits',
    credential: true,
    generatedFrom: 'KAFKA_APP_PASSWORD',
  },
  {
    key: 'KAFKA_SASL_JAAS_CONFIG',
    description:
      'The same login as a Java client `sasl.jaas.config` (ScramLoginModule)',
    shape: 'ScramLoginModule required username="app" password="...";',
    credential: true,
    generatedFrom: 'KAFKA_APP_PASSWORD',
  },
  {
    key: 'SCHEMA_REGISTRY_URL',
    description: 'Confluent-compatible schema registry',
    shape: 'http://host:port',
    credential: false,
    service: SERVICES.schemaRegistry,
  },
  {
    key: 'MQTT_HOST',
    description: 'Mosquitto host (TCP listener)',
    shape: 'host',
    credential: false,
    service: SERVICES.mqtt,
  },
  {
    key: 'MQTT_PORT',
    description: `Mosquitto TCP port: ${SERVICES.mqtt.port}, or ${SERVICES.mqttTls.port} (TLS) with mqtt.tls`,
    shape: 'port number',
    credential: false,
    service: SERVICES.mqtt,
    tlsService: SERVICES.mqttTls,
  },
  {
    key: 'MQTT_WS_URL',
    description: 'Mosquitto WebSocket listener (wss:// with mqtt.tls)',
    shape: 'ws://host:port/ or wss://host:port/',
    credential: false,
    service: SERVICES.mqttWebSocket,
  },
  {
    key: 'MQTT_TLS',
    description:
      'Whether MQTT_PORT and MQTT_WS_URL are TLS listeners (mqtt.tls): a client then connects with TLS and verifies the broker certificate',
    shape: '"true" or "false"',
    credential: false,
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
    generatedFrom: 'MQTT_PASSWORD',
  },
  {
    key: 'LENSES_HQ_URL',
    description: 'Lenses HQ UI and API',
    shape: 'http://host:port',
    credential: false,
    service: SERVICES.lensesHq,
    when: 'lenses is set',
  },
  {
    key: 'METABASE_URL',
    description: 'Metabase UI and API',
    shape: 'http://host:port',
    credential: false,
    service: SERVICES.metabase,
  },
  {
    key: 'POSTGRES_HOST',
    description: 'PostgreSQL host (analytics database)',
    shape: 'host',
    credential: false,
    service: SERVICES.postgresql,
  },
  {
    key: 'POSTGRES_PORT',
    description: 'PostgreSQL port',
    shape: 'port number',
    credential: false,
    service: SERVICES.postgresql,
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
    generatedFrom: 'POSTGRES_PASSWORD',
  },
  {
    key: 'POSTGRES_URL',
    description: 'The same connection as a libpq URL',
    shape: 'postgresql://user:password@host:port/db',
    credential: true,
    generatedFrom: 'POSTGRES_PASSWORD',
    service: SERVICES.postgresql,
  },
];

/** Prefix of every topic key of the connection secret (see {@link topicKey}). */
export const TOPIC_KEY_PREFIX = 'TOPIC_';

/**
 * Connection-secret key for a topic: {@link TOPIC_KEY_PREFIX} + upper-cased name with every
 * other character as `_`.
 */
export function topicKey(topic: string): string {
  return `${TOPIC_KEY_PREFIX}${topic
    .replace(/[^a-zA-Z0-9]/g, '_')
    .toUpperCase()}`;
}

/** A service's keys of the connection secret, as the entity card groups them. */
export interface ConnectionKeyGroup {
  label: string;
  /** Every key of the group starts with it. */
  prefix: string;
}

/** The groups of the connection secret's keys, in the order the card shows them. */
export const CONNECTION_KEY_GROUPS: ConnectionKeyGroup[] = [
  { label: 'Kafka', prefix: 'KAFKA_' },
  { label: 'Schema registry', prefix: 'SCHEMA_REGISTRY_' },
  { label: 'MQTT', prefix: 'MQTT_' },
  { label: 'PostgreSQL', prefix: 'POSTGRES_' },
  { label: 'Lenses', prefix: 'LENSES_' },
  { label: 'Metabase', prefix: 'METABASE_' },
  { label: 'Topics', prefix: TOPIC_KEY_PREFIX },
];

/** Label of a key's group; `Other` for a key no group claims (one a catalog entity adds). */
export function connectionKeyGroup(key: string): string {
  return (
    CONNECTION_KEY_GROUPS.find(g => key.startsWith(g.prefix))?.label ?? 'Other'
  );
}

/**
 * Whether a key of the connection secret holds a credential: a fixed key marked so in
 * {@link CONNECTION_KEYS}, or a key the contract does not know (never printed unasked).
 */
export function isCredentialKey(key: string): boolean {
  if (key.startsWith(TOPIC_KEY_PREFIX)) return false;
  return CONNECTION_KEYS.find(k => k.key === key)?.credential ?? true;
}
