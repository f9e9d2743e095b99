/**
 * The composed platform against a real Kubernetes API server (scripts/control-plane.sh: a real
 * kube-apiserver, etcd, controller-manager and scheduler, nodes simulated by kwok).
 */
export { compositeResourceCrd } from './compositeCrd';
export type { CrdVersion, CustomResourceDefinition } from './compositeCrd';
export { clusterObjects, objectLabel, fieldAt } from './manifests';
export type { ClusterObject, PatchFrom } from './manifests';
export { KubeClient, KubeApiError, kubectlPath } from './kubeClient';
export type { WriteOptions } from './kubeClient';
export { applyObject, applyAll, ApplyError } from './apply';
export type { ApplyOutcome, ApplyOptions } from './apply';
export { workloadState, waitForWorkloads } from './readiness';
export type { WorkloadState } from './readiness';
export { recomposeFromCluster } from './recompose';
export { compositeConditions, setCompositeConditions } from './compositeStatus';
export type { CompositeCondition } from './compositeStatus';
export {
  clusterClient,
  installCompositeCrd,
  ensureNamespace,
  createUserSecrets,
  renderApps,
  testServerCertificate,
} from './testCluster';
export { seedExamples } from './seed';
export { GENERATED_SHAPES } from './shapes';
