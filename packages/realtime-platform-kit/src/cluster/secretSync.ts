import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RenderResult } from '../kit';
import { containerCommand } from '../runtime/files';
import { ContainerSpec, SECRET_SYNC } from '../runtime/plan';
import type { SecurityContext } from '../runtime/security';
import { containerSecurity } from '../runtime/security';
import { KubeClient } from './kubeClient';
import { clusterObjects, fieldAt } from './manifests';

const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** What one run of the platform's secret-sync Job printed, and how it ended. */
export interface SecretSyncRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the secret-sync Job of a rendered platform as its pod would run against this cluster
 * (kwok runs no container): its composed script and env, as its container's user with its
 * securityContext, in a container view (runtime/launch.sh) holding its ConfigMap volume and a
 * token of its ServiceAccount from the TokenRequest API. The network is the host's, where the
 * API server listens. `copies` replaces the ConfigMap's list (to test bad input).
 */
export async function runSecretSync(
  client: KubeClient,
  result: RenderResult,
  copies?: string,
): Promise<SecretSyncRun> {
  const objects = clusterObjects(result).map(o => o.object);
  const job = objects.find(
    o =>
      o.kind === 'Job' &&
      (fieldAt(o, 'spec.template.metadata.labels') as Record<string, string>)[
        'app.kubernetes.io/name'
      ] === SECRET_SYNC.configMap,
  );
  if (!job) throw new Error('the platform composes no secret-sync Job');
  const ns = job.metadata.namespace!;
  const podSpec = fieldAt(job, 'spec.template.spec') as {
    serviceAccountName: string;
    containers: ContainerSpec[];
    securityContext?: SecurityContext;
  };
  const securityContext = podSpec.securityContext;
  const container = podSpec.containers[0];
  const configMap = objects.find(
    o => o.kind === 'ConfigMap' && o.metadata.name === SECRET_SYNC.configMap,
  )!;
  const token = await client.serviceAccountToken(
    ns,
    podSpec.serviceAccountName,
    600,
  );

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secret-sync-'));
  try {
    const sa = path.join(dir, 'serviceaccount');
    const config = path.join(dir, 'config');
    fs.mkdirSync(sa);
    fs.mkdirSync(config);
    fs.writeFileSync(path.join(sa, 'token'), token);
    fs.writeFileSync(path.join(sa, 'ca.crt'), client.ca);
    fs.writeFileSync(
      path.join(config, SECRET_SYNC.key),
      copies ??
        String((configMap.data as Record<string, string>)[SECRET_SYNC.key]),
    );
    const mountsFile = path.join(dir, 'mounts');
    fs.writeFileSync(
      mountsFile,
      `bind-ro\t${sa}\t${SERVICE_ACCOUNT_DIR}\nbind-ro\t${config}\t${
        container.volumeMounts![0].mountPath
      }\n`,
    );
    // Readable by the container's user, as the kubelet makes projected and ConfigMap files.
    for (const d of [dir, sa, config]) fs.chmodSync(d, 0o755);
    for (const f of ['token', 'ca.crt']) fs.chmodSync(path.join(sa, f), 0o644);
    fs.chmodSync(path.join(config, SECRET_SYNC.key), 0o644);

    const env: Record<string, string> = {
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      KUBERNETES_SERVICE_HOST: client.server.hostname,
      KUBERNETES_SERVICE_PORT: client.server.port || '443',
    };
    for (const e of container.env ?? []) env[e.name] = e.value ?? '';
    const [command, ...args] = containerCommand({
      layer: path.join(dir, 'layer'),
      mountsFile,
      hostname: 'secret-sync',
      workdir: '/',
      ...containerSecurity(
        { name: 'secret-sync', namespace: ns, securityContext },
        container,
      ),
      argv: container.command!,
    });
    return await new Promise<SecretSyncRun>((resolve, reject) => {
      const child = spawn(command, args, { env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', d => (stdout += d));
      child.stderr.on('data', d => (stderr += d));
      child.on('error', reject);
      child.on('close', code => resolve({ code: code ?? 1, stdout, stderr }));
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
