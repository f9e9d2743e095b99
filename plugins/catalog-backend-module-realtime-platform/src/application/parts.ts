import {
  PART_TYPES,
  PartType,
} from '@internal/plugin-realtime-platform-common';
import {
  CONNECTION_KEYS,
  platformNames,
  topicKey,
} from '@internal/realtime-platform-kit';
import { PlatformComponent } from './model';

/** One part a platform provisions, and the Service the Composition creates for it. */
export interface PartSpec {
  type: PartType;
  /** Suffix of the Resource name, `<platform>-<suffix>`. */
  suffix: string;
  /** Name of the Service in the platform namespace. */
  service: string;
  description: string;
  /** Whether the platform provisions the part. */
  present(platform: PlatformComponent): boolean;
}

/**
 * The parts of a platform. Service names match the Composition's Services
 * (the kit's connection-secret contract points at them).
 */
export const PARTS: readonly PartSpec[] = [
  {
    type: PART_TYPES.kafka,
    suffix: 'kafka',
    service: 'kafka',
    description:
      'Apache Kafka (KRaft): the event log; topics declared by the platform.',
    present: () => true,
  },
  {
    type: PART_TYPES.schemaRegistry,
    suffix: 'schema-registry',
    service: 'schema-registry',
    description: 'Confluent-compatible schema registry for message schemas.',
    present: () => true,
  },
  {
    type: PART_TYPES.mqttBroker,
    suffix: 'mqtt',
    service: 'mqtt',
    description: 'MQTT broker: device ingress over TCP and WebSocket.',
    present: () => true,
  },
  {
    type: PART_TYPES.lensesHq,
    suffix: 'lenses-hq',
    service: 'lenses-hq',
    description:
      'Lenses 6 HQ: UI and API for topics, SQL processors and data policies.',
    present: p => p.lenses,
  },
  {
    type: PART_TYPES.metabase,
    suffix: 'metabase',
    service: 'metabase',
    description: 'Metabase dashboards over the analytics database.',
    present: () => true,
  },
  {
    type: PART_TYPES.postgresql,
    suffix: 'postgresql',
    service: 'postgresql',
    description:
      'PostgreSQL: state for Lenses and Metabase, and the analytics sink.',
    present: () => true,
  },
];

/** The longest Resource name a platform component produces. */
export function longestPartName(platform: string): string {
  return PARTS.map(p => `${platform}-${p.suffix}`).reduce((a, b) =>
    b.length > a.length ? b : a,
  );
}

/** Port of a part's Service, from the connection-secret contract. */
export function partPort(part: PartSpec): number | undefined {
  return CONNECTION_KEYS.find(k => k.service?.name === part.service)?.service
    ?.port;
}

/** In-cluster DNS name of a part's Service. */
export function partHost(
  part: PartSpec,
  platform: string,
  appNamespace: string,
): string {
  const { platformNamespace } = platformNames(platform, appNamespace);
  return `${part.service}.${platformNamespace}.svc`;
}

/**
 * Keys of the platform's connection secret: the contract's fixed keys whose
 * Service the platform provisions, then one key per declared topic.
 */
export function connectionSecretKeys(platform: PlatformComponent): string[] {
  const services = new Set(
    PARTS.filter(p => p.present(platform)).map(p => p.service),
  );
  return [
    ...CONNECTION_KEYS.filter(
      k => !k.service || services.has(k.service.name),
    ).map(k => k.key),
    ...platform.topics.map(topicKey),
  ];
}
