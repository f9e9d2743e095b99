import { stringify } from 'yaml';
import { FileValidation, RealtimeKit, RenderResult } from '../kit';
import { compositeResourceCrd } from './compositeCrd';
import { Kubectl } from './kubectl';

/**
 * The kubectl of the running simulated cluster, from `$KUBECONFIG` (set by
 * `eval "$(scripts/control-plane.sh start)"`); cluster suites fail, never skip, without one.
 */
export function clusterKubectl(): Kubectl {
  const kubeconfig = process.env.KUBECONFIG;
  if (!kubeconfig)
    throw new Error('KUBECONFIG is not set: start the simulated cluster with eval "$(scripts/control-plane.sh start)"');
  return new Kubectl(kubeconfig);
}

/** Applies the composite CRD derived from the XRD and waits until the server serves it. */
export async function installCompositeCrd(kit: RealtimeKit, kubectl: Kubectl): Promise<any> {
  const crd = compositeResourceCrd(kit.compositionFile.xrd);
  await kubectl.run(['apply', '--server-side', '-f', '-'], JSON.stringify(crd));
  await kubectl.run(['wait', '--for=condition=Established', `crd/${crd.metadata.name}`, '--timeout=60s']);
  return crd;
}

/** Creates a namespace (the application's) unless it exists. */
export async function ensureNamespace(kubectl: Kubectl, name: string): Promise<void> {
  if (!(await kubectl.get('namespace', name)))
    await kubectl.run(['create', 'namespace', name]);
}

/**
 * The Secrets a user creates before deploying a platform with Lenses (license and agent key,
 * named by the `lenses` parameters), with throw-away test values.
 */
export async function createUserSecrets(kubectl: Kubectl, result: RenderResult): Promise<void> {
  for (const p of result.platforms) {
    const lenses = p.xr.spec.lenses;
    if (!lenses) continue;
    for (const ref of [lenses.license, lenses.agentKey]) {
      const secret = {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: ref.secretName, namespace: result.application.namespace },
        stringData: { [ref.key]: `test-${Math.random().toString(36).slice(2)}` },
      };
      await kubectl.run(['apply', '-f', '-'], JSON.stringify(secret));
    }
  }
}

/** Renders application objects; fails with the kit's messages when one does not validate. */
export async function renderApps(kit: RealtimeKit, apps: any[]): Promise<RenderResult[]> {
  const results: FileValidation[] = await kit.validateTexts(
    apps.map((a, i) => ({ file: `cluster-app-${i}.yaml`, text: stringify(a) })),
  );
  return results.map(r => {
    if (!r.valid) throw new Error(`${r.file}: ${r.issues.map(i => i.message).join('; ')}`);
    return r.result!;
  });
}
