/**
 * Catalog module: KubeVela OAM Applications registered as `realtime-oam`
 * locations become Systems, Components and Resources in the
 * realtime-platform card's format.
 *
 * @packageDocumentation
 */

export { catalogModuleRealtimePlatform as default } from './module';
export { RealtimeOamProcessor } from './processor/RealtimeOamProcessor';
export {
  entitiesFromApplicationText,
  readRealtimeApplication,
  applicationToEntities,
} from './application';
export type {
  ApplicationEntities,
  PlatformComponent,
  RealtimeApplication,
  ServiceComponent,
} from './application';
export { readRealtimeCatalogOptions } from './options';
export type { RealtimeCatalogOptions } from './options';
export * from './constants';
