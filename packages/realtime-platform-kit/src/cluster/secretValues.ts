import { RenderResult } from '../kit';

/**
 * The credential values a rendered application's platforms generate (the `<name>-credentials`
 * and `<name>-mqtt-users` Secrets), each as stored (base64) and decoded: what must appear in no
 * object but a Secret.
 */
export function secretValues(result: RenderResult): string[] {
  return result.platforms.flatMap(p =>
    p.composed
      .filter(
        c =>
          c.resource?.kind === 'Secret' &&
          ['credentials', 'mqtt-users'].includes(c.name),
      )
      .flatMap(c => Object.values(c.resource!.data ?? {}) as string[])
      .flatMap(b64 => [b64, Buffer.from(b64, 'base64').toString('utf8')]),
  );
}

/** `[apiVersion, kind]` of every object kind the simulated cluster stores for a platform, Secrets aside. */
export const STORED_KINDS: [string, string][] = [
  ['v1', 'ConfigMap'],
  ['v1', 'Service'],
  ['v1', 'ServiceAccount'],
  ['v1', 'Pod'],
  ['v1', 'Event'],
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'StatefulSet'],
  ['apps/v1', 'ReplicaSet'],
  ['batch/v1', 'Job'],
  ['networking.k8s.io/v1', 'NetworkPolicy'],
  ['rbac.authorization.k8s.io/v1', 'Role'],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding'],
  ['realtime.platform.example.org/v1alpha1', 'RealtimePlatform'],
];
