export { LocalRuntime, readRunStatus, stopRun } from './localRuntime';
export type { RunStatus, UpOptions } from './localRuntime';
export { execInPod } from './exec';
export { runtimePlan, secretCopies, SECRET_SYNC, POD_NETWORK } from './plan';
export type {
  SecretCopy,
  RuntimePlan,
  RuntimePod,
  RuntimeService,
  ContainerSpec,
} from './plan';
export { IMAGE_PROFILES, imageProfile, snippetsPython } from './images';
export type { ImageProfile, ImageUser, RuntimeTools } from './images';
export { RuntimeError } from './errors';
export type { PodStatus } from './supervisor';
