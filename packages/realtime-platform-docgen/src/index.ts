/**
 * Generator of docs/'s generated files through the realtime-platform kit: the configuration
 * reference (docs/reference) from the platform's definitions, XRD, connection-secret contract and
 * examples; the user guide's and architecture pages' captured realtime-kit outputs and tables; the
 * access pages' connection-secret tables.
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
export { generateDocs, referenceDocs, DOC_PARTS, REFERENCE_DIR } from './docs';
export type { DocPart, DocsTimings } from './docs';
export { compareDocs, writeDocs, mergeDocs, describeStale } from './docFiles';
export type { GeneratedDocs, OwnedDir, StaleFile } from './docFiles';
export { generateGuide, ARCH_OUT } from './guide/generateGuide';
export { COMMANDS, GUIDE_OUT } from './guide/commands';
export type { GuideCommand } from './guide/commands';
export { generateAccess, ACCESS_PAGES } from './access/pages';
