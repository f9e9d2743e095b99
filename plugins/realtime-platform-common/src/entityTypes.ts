/**
 * `spec.type` of the Component that represents one platform instance.
 *
 * @public
 */
export const COMPONENT_TYPE_REALTIME_PLATFORM = 'realtime-platform';

/**
 * `spec.type` used for consumer Components in the examples. Consumers are
 * recognised by {@link ANNOTATION_PLATFORM_REF}, not by their type.
 *
 * @public
 */
export const COMPONENT_TYPE_CONSUMER = 'service';

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

/**
 * Human-readable label for each part type.
 *
 * @public
 */
export const PART_TYPE_LABELS: Record<PartType, string> = {
  kafka: 'Apache Kafka',
  'schema-registry': 'Schema registry',
  'mqtt-broker': 'MQTT broker',
  'mqtt-kafka-bridge': 'MQTT to Kafka bridge',
  'lenses-hq': 'Lenses HQ',
  metabase: 'Metabase',
  postgresql: 'PostgreSQL',
};

/**
 * Whether a string is one of the {@link PART_TYPES}.
 *
 * @public
 */
export function isPartType(value: unknown): value is PartType {
  return (
    typeof value === 'string' &&
    (Object.values(PART_TYPES) as string[]).includes(value)
  );
}
