import { Entity } from '@backstage/catalog-model';
import { looksLikeSecretValue } from '@internal/plugin-realtime-platform-common';

function safe(value: unknown, max: number): string | undefined {
  return typeof value === 'string' &&
    value.length <= max &&
    !looksLikeSecretValue(value)
    ? value
    : undefined;
}

/**
 * A copy of an entity with only what Backstage components display (kind,
 * name, namespace, title, type), each dropped when it looks like secret data.
 * Entity links and the missing-annotation YAML render these fields verbatim,
 * and titles and types are free text in the catalog.
 */
export function displayEntity(
  entity: Entity,
  fallbackName = 'example',
): Entity {
  const { metadata } = entity;
  return {
    apiVersion: entity.apiVersion,
    kind: entity.kind,
    metadata: {
      name: safe(metadata.name, 63) ?? fallbackName,
      namespace: metadata.namespace,
      title: safe(metadata.title, 120),
    },
    spec: { type: safe(entity.spec?.type, 63) },
  };
}
