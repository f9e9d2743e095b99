/**
 * Generator of the configuration reference (docs/reference) from the realtime platform's
 * definitions, XRD, connection-secret contract and examples, through the realtime-platform kit.
 *
 * @packageDocumentation
 */
export {
  generateReference,
  writeReference,
  compareReference,
  referenceEffects,
} from './generate';
export type { GenerationTimings, ReferencePages, StalePage } from './generate';
export { DocgenError, loadSource } from './source';
export type {
  ReferenceSource,
  DefinitionSource,
  ExampleFile,
  JsonSchema,
  XrdDocument,
} from './source';
export { paramTree, allParams } from './tree';
export type { Param } from './tree';
export { anchorId, decodeEntities } from './markdown';
export { measureEffects, classify } from './effects';
export type { ParameterEffect, ObjectChange } from './effects';
export { checkRules } from './rules';
export { PROBES, runProbes } from './probes';
export type { Probe, ProbeResult } from './probes';
export type { CheckRule } from './rules';
export { platformStamp } from './stamp';
export type { Stamp } from './stamp';
export { REGENERATE_COMMAND, PAGES } from './common';
export { main } from './cli';
