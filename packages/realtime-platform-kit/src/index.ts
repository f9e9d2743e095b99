/**
 * Library for the realtime platform's KubeVela definitions: load them, expose their parameter
 * schema, render applications with the real cue binary and the Composition's Go template,
 * validate them and describe each platform's connection-secret contract.
 *
 * @packageDocumentation
 */
export {
  createKit,
  render,
  validate,
  secrets,
  RealtimeKit,
  composedServices,
  parseEndpoint,
  decodeSecretValue,
} from './kit';
export type {
  KitOptions,
  RenderResult,
  RenderedPlatform,
  RealtimePlatformSpec,
  RealtimePlatformXr,
  SecretKeyRef,
  FileValidation,
  PlatformSecrets,
  SecretKeyReport,
} from './kit';
export { loadDefinitions, splitImports } from './definitions';
export { ingressAccess } from './networkAccess';
export { parseProperties } from './properties';
export type { PortAccess } from './networkAccess';
export type { ComponentDefinition } from './definitions';
export {
  parameterSchema,
  flattenParameters,
  findParameter,
  parameterTree,
  xrdSpecSchema,
} from './schema';
export {
  article,
  checkViolation,
  describeConstraint,
  displayField,
} from './issueText';
export type { ParameterNode, ParameterSchema, ParameterType } from './schema';
export { parseApplication, readApplication } from './application';
export type {
  ApplicationDocument,
  OamApplication,
  OamComponent,
} from './application';
export { kubevelaContext } from './cueEval';
export type { KubevelaContext, RenderedComponent } from './cueEval';
export {
  loadCompositionFile,
  runComposition,
  xrdOpenApiSchema,
} from './composition';
export type {
  ComposedObject,
  ComposedResource,
  Composition,
  CompositionFile,
  CompositionRequest,
  CompositionResult,
  CompositionStep,
  CompositeResourceDefinition,
  ObjectReference,
  XrdVersion,
} from './composition';
export type {
  JsonObject,
  JsonPrimitive,
  JsonValue,
  KubeObject,
  ObjectMeta,
  OpenApiSchema,
} from './types';
export { formatIssue, InvalidApplicationError } from './issues';
export type { ValidationIssue } from './issues';
export { validateKubernetesObject, VALIDATED_KINDS } from './k8sValidate';
export {
  findRoot,
  defaultPaths,
  cueBinary,
  compositionRenderBinary,
  kubevelaCueBinary,
} from './paths';
export type { KitPaths } from './paths';
export { KitPathError, PLATFORM_FILES, platformDirPaths } from './paths';
export type { KitPathOption } from './paths';
export * from './compositionSources';
export * from './cluster';
export { KUBEVELA_RELEASES, kubevelaCue, kubevelaHealth } from './kubevela';
export type { KubevelaCueResult } from './kubevela';
export * from './runtime';
