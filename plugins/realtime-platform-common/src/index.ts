/**
 * Annotation keys, entity types and never-throwing parsers for
 * realtime-platform catalog entities, shared by the entity card and the
 * catalog module that emits the entities.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './entityTypes';
export * from './types';
export {
  looksLikeSecretValue,
  looksLikeCredential,
  isValueBearingAnnotationKey,
  isDns1123Label,
  isDns1123Subdomain,
  isSafeSecretKeyName,
  isSafeTopicName,
  checkUrl,
  describeUrlRefusal,
} from './safety';
export type { UnsafeUrlReason } from './safety';
export { parseRealtimePlatform } from './parsePlatform';
export { parseRealtimeConsumer } from './parseConsumer';
export { parseRealtimePart } from './parsePart';
export {
  isRealtimePlatformEntity,
  isRealtimePlatformConsumer,
} from './predicates';
