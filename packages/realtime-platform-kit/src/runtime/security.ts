import { RuntimeError } from './errors';
import { ContainerSpec, RuntimePod } from './plan';

/** The `securityContext` fields the local runtime applies, of a pod or a container. */
export interface SecurityContext {
  runAsUser?: number;
  runAsGroup?: number;
  runAsNonRoot?: boolean;
  fsGroup?: number;
  readOnlyRootFilesystem?: boolean;
  allowPrivilegeEscalation?: boolean;
  capabilities?: { drop?: string[]; add?: string[] };
}

/** How one container is launched: its user and the restrictions of its securityContext. */
export interface ContainerSecurity {
  uid?: number;
  gid?: number;
  /** The pod's fsGroup, a supplementary group of every container as the kubelet adds it. */
  groups?: number[];
  readOnlyRootFilesystem: boolean;
  noNewPrivileges: boolean;
  dropAllCapabilities: boolean;
}

/**
 * A container's effective security settings as the kubelet derives them: the container's
 * `securityContext` over the pod's, the image's user where neither names one. Like the kubelet,
 * it refuses to start a container that must not run as root and would.
 */
export function containerSecurity(
  pod: Pick<RuntimePod, 'name' | 'namespace' | 'securityContext'>,
  c: ContainerSpec,
  imageUser?: number,
): ContainerSecurity {
  const own = c.securityContext ?? {};
  const podLevel = pod.securityContext ?? {};
  const uid = own.runAsUser ?? podLevel.runAsUser ?? imageUser;
  if ((own.runAsNonRoot ?? podLevel.runAsNonRoot) && !uid)
    throw new RuntimeError(
      `pod ${pod.namespace}/${pod.name} container ${c.name}`,
      'has runAsNonRoot and would run as root (no runAsUser, and its image runs as root)',
      'set securityContext.runAsUser to the image user',
    );
  return {
    uid,
    gid: own.runAsGroup ?? podLevel.runAsGroup,
    groups: podLevel.fsGroup === undefined ? undefined : [podLevel.fsGroup],
    readOnlyRootFilesystem: own.readOnlyRootFilesystem === true,
    noNewPrivileges: own.allowPrivilegeEscalation === false,
    dropAllCapabilities: (own.capabilities?.drop ?? []).includes('ALL'),
  };
}
