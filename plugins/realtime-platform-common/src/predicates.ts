import { ANNOTATION_PLATFORM_REF } from './annotations';
import { annotationsOf, isRecord } from './entityAccess';
import { COMPONENT_TYPE_REALTIME_PLATFORM } from './entityTypes';

/**
 * Whether the entity is a platform Component (`kind: Component`,
 * `spec.type: realtime-platform`).
 *
 * @public
 */
export function isRealtimePlatformEntity(entity: unknown): boolean {
  return (
    isRecord(entity) &&
    typeof entity.kind === 'string' &&
    entity.kind.toLocaleLowerCase('en-US') === 'component' &&
    isRecord(entity.spec) &&
    entity.spec.type === COMPONENT_TYPE_REALTIME_PLATFORM
  );
}

/**
 * Whether the entity is a Component that consumes a platform (it carries
 * `realtime-platform.io/platform-ref`).
 *
 * @public
 */
export function isRealtimePlatformConsumer(entity: unknown): boolean {
  return (
    isRecord(entity) &&
    typeof entity.kind === 'string' &&
    entity.kind.toLocaleLowerCase('en-US') === 'component' &&
    !isRealtimePlatformEntity(entity) &&
    Object.prototype.hasOwnProperty.call(
      annotationsOf(entity),
      ANNOTATION_PLATFORM_REF,
    )
  );
}
