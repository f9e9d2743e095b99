/**
 * The composed platform against a real Kubernetes API server (scripts/control-plane.sh: a real
 * kube-apiserver, etcd, controller-manager and scheduler, nodes simulated by kwok).
 */
export { compositeResourceCrd } from './compositeCrd';
export { clusterObjects, objectLabel } from './manifests';
export type { ClusterObject, PatchFrom } from './manifests';
export { Kubectl, KubectlError, kubectlBinary } from './kubectl';
export type { KubeObject } from './kubectl';
export { applyObject, applyAll, dryRunObject, ApplyError } from './apply';
export type { ApplyOutcome, DryRun } from './apply';
export { workloadState, waitForWorkloads } from './readiness';
export type { WorkloadState } from './readiness';
export { recomposeFromCluster } from './recompose';
export { compositeConditions, setCompositeConditions } from './compositeStatus';
export type { CompositeCondition } from './compositeStatus';
export {
  clusterKubectl,
  installCompositeCrd,
  ensureNamespace,
  createUserSecrets,
  renderApps,
} from './testCluster';
