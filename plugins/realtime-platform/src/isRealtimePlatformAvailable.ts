import { Entity } from '@backstage/catalog-model';
import {
  isRealtimePlatformConsumer,
  isRealtimePlatformEntity,
} from '@internal/plugin-realtime-platform-common';

/**
 * Whether the realtime-platform card applies to an entity: a platform
 * Component (`spec.type: realtime-platform`) or a Component that consumes one
 * (`realtime-platform.io/platform-ref`). Used as the card's `filter` in the new
 * frontend system and for `EntitySwitch` in legacy apps.
 *
 * @public
 */
export function isRealtimePlatformAvailable(entity: Entity): boolean {
  return isRealtimePlatformEntity(entity) || isRealtimePlatformConsumer(entity);
}
