import { PART_TYPES, PartType } from '@internal/realtime-platform-contract';

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

export { PART_TYPES } from '@internal/realtime-platform-contract';
export type { PartType } from '@internal/realtime-platform-contract';

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
 * Whether a string is one of the `PART_TYPES` values.
 *
 * @public
 */
export function isPartType(value: unknown): value is PartType {
  return (
    typeof value === 'string' &&
    (Object.values(PART_TYPES) as string[]).includes(value)
  );
}
