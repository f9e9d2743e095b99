/**
 * Every composed object of both examples and of generated applications meets a real
 * kube-apiserver (scripts/control-plane.sh: etcd, kube-apiserver, controller-manager, scheduler;
 * nodes simulated by kwok, so Pods are scheduled and reported Ready but no container runs).
 * Run by scripts/test.d/45-control-plane.sh.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { createKit } from '../kit';
import { applyAll } from './apply';
import { clusterObjects, ClusterObject, objectLabel } from './manifests';
import { waitForWorkloads } from './readiness';
import { recomposeFromCluster } from './recompose';
import { GENERATED_SHAPES } from './shapes';
import {
  clusterKubectl,
  createUserSecrets,
  ensureNamespace,
  installCompositeCrd,
  renderApps,
} from './testCluster';

jest.setTimeout(300_000);

const kit = createKit();
const kubectl = clusterKubectl();
const EXAMPLES: [string, any][] = ['MINIMAL-REALTIME-OAM.yaml', 'REALTIME-OAM-EXAMPLE.yaml'].map(f => [
  `example ${f}`,
  parse(fs.readFileSync(path.join(kit.paths.root, 'platform', 'examples', f), 'utf8')),
]);
const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'Job'];

describe('the composite CRD, derived from the XRD as Crossplane does', () => {
  let crd: any;
  beforeAll(async () => {
    crd = await installCompositeCrd(kit, kubectl);
  });

  it('is accepted with a structural schema and served', async () => {
    const stored = await kubectl.get('crd', crd.metadata.name);
    const conditions = stored!.status.conditions.map((c: any) => `${c.type}=${c.status}`);
    expect(conditions).toEqual(expect.arrayContaining(['Established=True', 'NamesAccepted=True']));
    expect(conditions.filter((c: string) => c.startsWith('NonStructuralSchema'))).toEqual([]);
  });

  it('negative control: the same CRD with an untyped property is refused', async () => {
    const bad = structuredClone(crd);
    bad.metadata.name = `untypeds.${bad.spec.group}`;
    bad.spec.names = { kind: 'Untyped', plural: 'untypeds' };
    delete bad.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.kafka.type;
    await expect(
      kubectl.run(['create', '--dry-run=server', '-f', '-'], JSON.stringify(bad)),
    ).rejects.toThrow(/properties\[kafka\]\.type: Required value/);
  });

  it('the server enforces the XRD schema on a composite (range and enum, all errors at once)', async () => {
    const xr = {
      apiVersion: `${crd.spec.group}/${crd.spec.versions[0].name}`,
      kind: crd.spec.names.kind,
      metadata: { name: 'out-of-range', namespace: 'default' },
      spec: { kafka: { replicas: 9 }, resources: { size: 'huge' } },
    };
    const refusal = kubectl.run(['create', '--dry-run=server', '-f', '-'], JSON.stringify(xr));
    await expect(refusal).rejects.toThrow(/spec\.kafka\.replicas: Invalid value: 9: spec\.kafka\.replicas in body should be less than or equal to 5/);
    await expect(refusal).rejects.toThrow(/spec\.resources\.size: Unsupported value: "huge"/);
  });
});

describe.each([...EXAMPLES, ...GENERATED_SHAPES])('%s on the simulated cluster', (_label, app) => {
  let targets: ClusterObject[];
  let result: Awaited<ReturnType<typeof renderApps>>[number];

  beforeAll(async () => {
    await installCompositeCrd(kit, kubectl);
    [result] = await renderApps(kit, [app]);
    await ensureNamespace(kubectl, result.application.namespace);
    await createUserSecrets(kubectl, result);
    targets = clusterObjects(result);
  });

  it('the API server accepts every object (component outputs, composed Secrets, unwrapped Objects)', async () => {
    const outcomes = await applyAll(kubectl, targets);
    expect(outcomes.map(o => `${o.action} ${objectLabel(o.target.object)}`)).toEqual(
      targets.map(t => `created ${objectLabel(t.object)}`),
    );
  });

  it('every Deployment and StatefulSet becomes Ready and every Job succeeds on kwok nodes', async () => {
    const stored = await waitForWorkloads(kubectl, targets, 240_000);
    expect(stored.size).toBe(targets.filter(t => WORKLOAD_KINDS.includes(t.object.kind)).length);
    const namespaces = [...new Set(targets.map(t => t.object.metadata.namespace).filter(Boolean))];
    for (const ns of namespaces) {
      const pods = await kubectl.list('pods', ns);
      const unscheduled = pods.filter(p => !p.spec.nodeName).map(p => p.metadata.name);
      expect(unscheduled).toEqual([]);
    }
  });

  it('a second apply, with the credentials read back as the next reconcile does, changes nothing', async () => {
    const again = await recomposeFromCluster(kit, result, kubectl);
    const outcomes = await applyAll(kubectl, clusterObjects(again));
    expect(outcomes.filter(o => o.action !== 'unchanged').map(o => objectLabel(o.target.object))).toEqual([]);
  });
});
