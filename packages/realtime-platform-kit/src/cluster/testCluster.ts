import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import {
  platformNamespace,
  SERVICES,
  serviceHost,
} from '@internal/realtime-platform-contract';
import { ApplicationDocument } from '../application';
import { RealtimeKit, RenderResult } from '../kit';
import { compositeResourceCrd, CustomResourceDefinition } from './compositeCrd';
import { KubeClient, KubeObject } from './kubeClient';

/**
 * A client of the running simulated cluster, from `$KUBECONFIG` (set by
 * `eval "$(scripts/control-plane.sh start)"`); cluster suites fail, never skip, without one.
 */
export function clusterClient(): KubeClient {
  const kubeconfig = process.env.KUBECONFIG;
  if (!kubeconfig)
    throw new Error(
      'KUBECONFIG is not set: start the simulated cluster with eval "$(scripts/control-plane.sh start)"',
    );
  return new KubeClient(kubeconfig);
}

/** Applies the composite CRD derived from the XRD and waits until the server serves it. */
export async function installCompositeCrd(
  kit: RealtimeKit,
  client: KubeClient,
): Promise<CustomResourceDefinition> {
  const crd = compositeResourceCrd(kit.compositionFile.xrd);
  await client.serverSideApply(crd, 'crossplane');
  for (let i = 0; i < 120; i++) {
    const stored = await client.get(
      crd.apiVersion,
      crd.kind,
      crd.metadata.name,
    );
    const status = stored?.status as
      | { conditions?: { type: string; status: string }[] }
      | undefined;
    if (
      status?.conditions?.some(
        c => c.type === 'Established' && c.status === 'True',
      )
    ) {
      client.refreshDiscovery();
      return crd;
    }
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(`CRD ${crd.metadata.name} not Established after 30 s`);
}

/** An example application of `platform/examples`, parsed. */
export function readExample(
  kit: RealtimeKit,
  file: string,
): ApplicationDocument {
  return parse(
    fs.readFileSync(
      path.join(kit.paths.root, 'platform', 'examples', file),
      'utf8',
    ),
  );
}

/** The Pod Security admission label that makes the API server refuse a violating pod. */
export const POD_SECURITY_ENFORCE = 'pod-security.kubernetes.io/enforce';

/**
 * Creates a namespace (the application's) unless it exists. It enforces Pod Security
 * `restricted`, as a cluster run by a security review would: the webservices must meet it.
 */
export async function ensureNamespace(
  client: KubeClient,
  name: string,
): Promise<void> {
  if (!(await client.get('v1', 'Namespace', name)))
    await client.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { [POD_SECURITY_ENFORCE]: 'restricted' } },
    });
}

/**
 * A test CA and a server certificate it signed for `host` (EC P-256, valid two days), made by
 * openssl: the keys of a `kubernetes.io/tls` Secret as cert-manager writes one.
 */
export function testServerCertificate(host: string): Record<string, string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realtime-tls-'));
  const ssl = (...args: string[]) =>
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];
  try {
    ssl(
      'req',
      '-x509',
      ...key,
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      '-days',
      '2',
      '-subj',
      '/CN=realtime test CA',
    );
    ssl(
      'req',
      ...key,
      '-nodes',
      '-keyout',
      'tls.key',
      '-out',
      'tls.csr',
      '-subj',
      `/CN=${host}`,
    );
    fs.writeFileSync(path.join(dir, 'san.ext'), `subjectAltName=DNS:${host}\n`);
    ssl(
      'x509',
      '-req',
      '-in',
      'tls.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      'san.ext',
      '-out',
      'tls.crt',
    );
    return Object.fromEntries(
      ['tls.crt', 'tls.key', 'ca.crt'].map(f => [
        f,
        fs.readFileSync(path.join(dir, f), 'utf8'),
      ]),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The Secrets the guide has a user create before deploying an application: each platform's
 * Lenses license (its value starts with `license_key_`, as Lenses license keys do) and agent key,
 * and with `mqtt.tls` the broker's certificate ({@link testServerCertificate}).
 */
export function userSecrets(result: RenderResult): KubeObject[] {
  return result.platforms.flatMap(p => {
    const namespace = result.application.namespace;
    const tls = p.xr.spec.mqtt?.tls as { secretName: string } | undefined;
    const certificate: KubeObject[] = tls
      ? [
          {
            apiVersion: 'v1',
            kind: 'Secret',
            type: 'kubernetes.io/tls',
            metadata: { name: tls.secretName, namespace },
            stringData: testServerCertificate(
              serviceHost(
                SERVICES.mqtt.name,
                platformNamespace(p.component, namespace),
              ),
            ),
          },
        ]
      : [];
    const lenses = p.xr.spec.lenses;
    if (!lenses) return certificate;
    return [
      [lenses.license, 'license_key_'],
      [lenses.agentKey, 'agent_key_'],
    ]
      .map(([ref, prefix]): KubeObject => {
        const { secretName, key } = ref as { secretName: string; key: string };
        return {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: secretName, namespace },
          stringData: {
            [key]: `${prefix}test-${Math.random().toString(36).slice(2)}`,
          },
        };
      })
      .concat(certificate);
  });
}

/** Creates {@link userSecrets} in the cluster, or adds a missing key to an existing one. */
export async function createUserSecrets(
  client: KubeClient,
  result: RenderResult,
): Promise<void> {
  for (const secret of userSecrets(result)) {
    const { name, namespace } = secret.metadata;
    const data = secret.stringData as Record<string, string>;
    const existing = await client.get('v1', 'Secret', name, namespace);
    if (!existing) await client.create(secret);
    else if (
      !Object.keys(data).every(
        k => (existing.data as Record<string, string> | undefined)?.[k],
      )
    )
      await client.mergePatch(existing, { stringData: data });
  }
}

/** Renders application objects; fails with the kit's messages when one does not validate. */
export async function renderApps(
  kit: RealtimeKit,
  apps: unknown[],
): Promise<RenderResult[]> {
  const results = await kit.validateTexts(
    apps.map((a, i) => ({ file: `cluster-app-${i}.yaml`, text: stringify(a) })),
  );
  return results.map(r => {
    if (!r.valid)
      throw new Error(`${r.file}: ${r.issues.map(i => i.message).join('; ')}`);
    return r.result!;
  });
}
