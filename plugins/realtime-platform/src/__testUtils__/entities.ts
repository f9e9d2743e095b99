import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
// Test-only: reads the example entities the catalog module generates from disk, which a browser package never does.
// eslint-disable-next-line no-restricted-imports
import fs from 'fs';
// eslint-disable-next-line no-restricted-imports
import path from 'path';
import { parseAllDocuments } from 'yaml';

/**
 * The portal's example entities with the relations the catalog derives from
 * `spec.dependsOn`, so the card is tested against what the portal serves.
 */
export function loadExampleEntities(): Entity[] {
  const file = path.resolve(
    __dirname,
    '../../../realtime-platform-common/src/__fixtures__/example-entities.yaml',
  );
  const entities = parseAllDocuments(fs.readFileSync(file, 'utf8')).map(
    d => ({ ...(d.toJS() as Entity), relations: [] } as Entity),
  );
  for (const e of entities) {
    for (const target of (e.spec?.dependsOn as string[] | undefined) ?? []) {
      const other = entities.find(o => stringifyEntityRef(o) === target);
      e.relations!.push({ type: 'dependsOn', targetRef: target });
      other?.relations!.push({
        type: 'dependencyOf',
        targetRef: stringifyEntityRef(e),
      });
    }
  }
  return entities;
}

/** An example entity by name. */
export function byName(entities: Entity[], name: string): Entity {
  const found = entities.find(e => e.metadata.name === name);
  if (!found) throw new Error(`no example ${name}`);
  return found;
}

/** A platform with `parts` part Resources and `consumers` consumer Components. */
export function generatedPlatform(parts: number, consumers: number) {
  const partEntities: Entity[] = Array.from({ length: parts }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: `part-${i}`,
      namespace: 'default',
      annotations: {
        'realtime-platform.io/host': `part-${i}.apps--big-realtime.svc`,
        'realtime-platform.io/port': '9092',
      },
    },
    spec: { type: 'kafka' },
  }));
  const consumerEntities: Entity[] = Array.from(
    { length: consumers },
    (_, i) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `consumer-${i}`,
        namespace: 'default',
        annotations: {
          'realtime-platform.io/platform-ref': 'component:default/big',
          'realtime-platform.io/produces-topics': `topic.${i}`,
        },
      },
      spec: { type: 'service' },
    }),
  );
  const platform: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'big',
      namespace: 'default',
      annotations: {
        'realtime-platform.io/platform-name': 'big',
        'realtime-platform.io/connection-secret': 'apps/big-conn',
        'realtime-platform.io/connection-secret-keys':
          'KAFKA_BOOTSTRAP_SERVERS',
      },
    },
    spec: { type: 'realtime-platform' },
    relations: [
      ...partEntities.map(p => ({
        type: 'hasPart',
        targetRef: stringifyEntityRef(p),
      })),
      ...consumerEntities.map(c => ({
        type: 'dependencyOf',
        targetRef: stringifyEntityRef(c),
      })),
    ],
  };
  return { platform, related: [...partEntities, ...consumerEntities] };
}
