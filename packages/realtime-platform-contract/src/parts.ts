import { CONNECTION_KEYS, topicKey } from './connectionKeys';
import { platformNamespace } from './names';
import { SERVICES, ServiceEndpoint, serviceHost } from './services';

/**
 * `spec.type` of each part Resource a platform provisions.
 *
 * @public
 */
export const PART_TYPES = {
  kafka: 'kafka',
  schemaRegistry: 'schema-registry',
  mqttBroker: 'mqtt-broker',
  mqttKafkaBridge: 'mqtt-kafka-bridge',
  lensesHq: 'lenses-hq',
  metabase: 'metabase',
  postgresql: 'postgresql',
} as const;

/**
 * One of the {@link PART_TYPES} values.
 *
 * @public
 */
export type PartType = (typeof PART_TYPES)[keyof typeof PART_TYPES];

/** What decides which optional parts a platform provisions. */
export interface PlatformShape {
  /** Kafka topics the platform declares (`topics[].name`). */
  topics: string[];
  /** Whether `lenses` is set (Lenses HQ and Agent). */
  lenses: boolean;
}

/** One part a platform provisions, and the Service the Composition creates for it. */
export interface PartSpec {
  type: PartType;
  /** Suffix of the part's catalog Resource name, `<platform>-<suffix>`. */
  suffix: string;
  /** The part's client Service and port in the platform namespace. */
  service: ServiceEndpoint;
  description: string;
  /** Whether the platform provisions the part. */
  present(platform: PlatformShape): boolean;
}

const always = () => true;

/** The parts of a platform that have a client Service, in the order the card lists them. */
export const PARTS: readonly PartSpec[] = [
  {
    type: PART_TYPES.kafka,
    suffix: 'kafka',
    service: SERVICES.kafka,
    description:
      'Apache Kafka (KRaft): the event log; topics declared by the platform.',
    present: always,
  },
  {
    type: PART_TYPES.schemaRegistry,
    suffix: 'schema-registry',
    service: SERVICES.schemaRegistry,
    description: 'Confluent-compatible schema registry for message schemas.',
    present: always,
  },
  {
    type: PART_TYPES.mqttBroker,
    suffix: 'mqtt',
    service: SERVICES.mqtt,
    description: 'MQTT broker: device ingress over TCP and WebSocket.',
    present: always,
  },
  {
    type: PART_TYPES.lensesHq,
    suffix: 'lenses-hq',
    service: SERVICES.lensesHq,
    description:
      'Lenses 6 HQ: UI and API for topics, SQL processors and data policies.',
    present: p => p.lenses,
  },
  {
    type: PART_TYPES.metabase,
    suffix: 'metabase',
    service: SERVICES.metabase,
    description: 'Metabase dashboards over the analytics database.',
    present: always,
  },
  {
    type: PART_TYPES.postgresql,
    suffix: 'postgresql',
    service: SERVICES.postgresql,
    description:
      'PostgreSQL: state for Lenses and Metabase, and the analytics sink.',
    present: always,
  },
];

/** Name of a part's catalog Resource: `<platform>-<suffix>`. */
export function partEntityName(part: PartSpec, platform: string): string {
  return `${platform}-${part.suffix}`;
}

/** The longest part Resource name a platform component produces. */
export function longestPartName(platform: string): string {
  return PARTS.map(p => partEntityName(p, platform)).reduce((a, b) =>
    b.length > a.length ? b : a,
  );
}

/** In-cluster host of a part's Service, as the connection secret gives it. */
export function partHost(
  part: PartSpec,
  platform: string,
  appNamespace: string,
): string {
  return serviceHost(
    part.service.name,
    platformNamespace(platform, appNamespace),
  );
}

/**
 * Keys of the platform's connection secret, in the secret's order: the fixed keys whose Service
 * the platform provisions (and those with no Service), then one key per declared topic.
 */
export function connectionSecretKeys(platform: PlatformShape): string[] {
  const services = new Set(
    PARTS.filter(p => p.present(platform)).map(p => p.service.name),
  );
  return [
    ...CONNECTION_KEYS.filter(
      k => !k.service || services.has(k.service.name),
    ).map(k => k.key),
    ...platform.topics.map(topicKey),
  ];
}
