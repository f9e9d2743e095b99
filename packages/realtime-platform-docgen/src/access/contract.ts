/**
 * What the access pages say about the connection-secret contract beyond what the kit knows:
 * which service each key belongs to, the variables examples read from elsewhere, and what each
 * generated credential is for and how it is rotated. The generator fails when the contract has a
 * key or credential these tables do not cover.
 */

/** This file, for messages asking to describe a new key. */
export const CONTRACT_FILE =
  'packages/realtime-platform-docgen/src/access/contract.ts';

/**
 * Variables the examples read that are NOT in `<platform>-conn`, on purpose: credentials a person
 * creates in Lenses HQ / Metabase and stores in a secret of their own (docs/access/secrets.md).
 */
export const EXTRA_ENV: Record<string, string> = {
  LENSES_HQ_TOKEN:
    'Lenses HQ service-account key, from a secret you create (lenses-api-token)',
  METABASE_API_KEY:
    'Metabase API key, from a secret you create (metabase-api-key)',
  METABASE_USERNAME: 'Metabase user e-mail (session example only)',
  METABASE_PASSWORD: 'Metabase user password (session example only)',
};

/** Which service each connection key belongs to, by prefix, in the pages' order. */
export const SERVICES: [string, RegExp][] = [
  ['Kafka', /^(KAFKA_|TOPIC_)/],
  ['Schema registry', /^SCHEMA_REGISTRY_/],
  ['MQTT (Mosquitto)', /^MQTT_/],
  ['Lenses HQ', /^LENSES_/],
  ['Metabase', /^METABASE_/],
  ['PostgreSQL', /^POSTGRES_/],
];

/** How a generated credential is rotated (the values of {@link CREDENTIALS}). */
export type Rotation = keyof typeof ROTATION;

/** Rotation procedure per kind of credential. */
export const ROTATION = {
  mqtt: 'delete the key; restart the `mqtt` pod (the password file is rebuilt at start) and the clients',
  pg: 'delete the key, then `ALTER ROLE` with the new value (the role keeps its old password otherwise); restart the users',
  'pg-admin': 'delete the key, then `ALTER ROLE postgres` with the new value',
  metabase:
    'change it in Metabase (Account settings or `PUT /api/user/:id/password`), then store the new value in the key',
  lenses:
    'delete **both** LENSES_ADMIN_PASSWORD and LENSES_ADMIN_PASSWORD_BCRYPT; restart `lenses-hq`',
  'kafka-app':
    'delete the key; restart a `kafka` pod (each start sets the new SCRAM password), then the applications',
  'kafka-admin':
    'delete the key; restart every `kafka` pod at once (each start sets the new SCRAM password), then `connect`, `schema-registry` and `lenses-agent`',
  'connect-rest':
    'delete the key; restart the `connect` pods (each start writes the password file), then `lenses-agent`',
  never: 'never: a new id makes the broker refuse its existing data',
};

/** Each key of `<platform>-credentials`: what it is used by and how it is rotated. */
export const CREDENTIALS: Record<string, [string, Rotation]> = {
  MQTT_PASSWORD: [
    'MQTT user `app` (MQTT_USERNAME), copied into `<platform>-conn`',
    'mqtt',
  ],
  MQTT_BRIDGE_PASSWORD: [
    'MQTT user `bridge` of the MQTT-to-Kafka connector',
    'mqtt',
  ],
  POSTGRES_PASSWORD: [
    'analytics role (`postgresql.user`), copied into `<platform>-conn`',
    'pg',
  ],
  POSTGRES_ADMIN_PASSWORD: ['PostgreSQL superuser `postgres`', 'pg-admin'],
  METABASE_DB_PASSWORD: [
    'role `metabase` (Metabase application database)',
    'pg',
  ],
  LENSES_HQ_DB_PASSWORD: ['role `lenses_hq` (Lenses HQ state)', 'pg'],
  LENSES_AGENT_DB_PASSWORD: ['role `lenses_agent` (Lenses Agent state)', 'pg'],
  METABASE_ADMIN_PASSWORD: [
    'first Metabase administrator (`metabase.adminEmail`)',
    'metabase',
  ],
  LENSES_ADMIN_PASSWORD: ['Lenses HQ user `admin`', 'lenses'],
  LENSES_ADMIN_PASSWORD_BCRYPT: [
    'bcrypt hash of LENSES_ADMIN_PASSWORD, read by HQ',
    'lenses',
  ],
  KAFKA_ADMIN_PASSWORD: [
    'Kafka super user `admin` (brokers, controllers, Connect, the registry, the Lenses Agent, the topics Job)',
    'kafka-admin',
  ],
  KAFKA_APP_PASSWORD: [
    'Kafka user `app` (KAFKA_USERNAME), copied into `<platform>-conn`',
    'kafka-app',
  ],
  CONNECT_REST_PASSWORD: [
    'Kafka Connect REST API user `admin` (HTTP Basic: the connectors Job, the Lenses Agent, the readiness probe)',
    'connect-rest',
  ],
  KAFKA_CLUSTER_ID: [
    'KRaft cluster id the Kafka storage was formatted with (not a credential)',
    'never',
  ],
};

/** The service a connection key belongs to; throws for a key no prefix matches. */
export function serviceOf(key: string): string {
  const found = SERVICES.find(([, re]) => re.test(key));
  if (!found)
    throw new Error(
      `connection key ${key} matches no service prefix in ${CONTRACT_FILE}`,
    );
  return found[0];
}
