import { RenderResult } from '../kit';

/**
 * The generated credentials of a rendered application's platforms (the `<name>-credentials` and
 * `<name>-mqtt-users` Secrets), each as stored (base64) and decoded, under `<Secret>.<KEY>`
 * (`telemetry-credentials.MQTT_PASSWORD`): a finding can name the key, never the value.
 */
export function secretEntries(
  result: RenderResult,
): { key: string; stored: string; value: string }[] {
  return result.platforms.flatMap(p =>
    p.composed
      .filter(
        c =>
          c.resource?.kind === 'Secret' &&
          ['credentials', 'mqtt-users'].includes(c.name),
      )
      .flatMap(c =>
        Object.entries((c.resource!.data ?? {}) as Record<string, string>).map(
          ([k, b64]) => ({
            key: `${c.resource!.metadata.name}.${k}`,
            stored: b64,
            value: Buffer.from(b64, 'base64').toString('utf8'),
          }),
        ),
      ),
  );
}

/**
 * The values of {@link secretEntries}, as stored and decoded: what must appear in no object but
 * a Secret.
 */
export function secretValues(result: RenderResult): string[] {
  return secretEntries(result).flatMap(({ stored, value }) => [stored, value]);
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
