/**
 * Every composed object of both examples and of generated applications meets a real
 * kube-apiserver (scripts/control-plane.sh: etcd, kube-apiserver, controller-manager, scheduler;
 * nodes simulated by kwok, so Pods are scheduled and reported Ready but no container runs).
 * Run by scripts/test.d/45-control-plane.sh.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  isCredentialKey,
  kubectlKeyCommand,
  kubectlKeysCommand,
  PLATFORM_COMPONENT_TYPE,
} from '@internal/realtime-platform-contract';
import { createKit, RenderResult } from '../kit';
import { KUBEVELA_RELEASES, kubevelaHealth } from '../kubevela';
import { applyAll, applyObject } from './apply';
import { compositeConditions, setCompositeConditions } from './compositeStatus';
import { clusterObjects, ClusterObject, objectLabel } from './manifests';
import { waitForWorkloads } from './readiness';
import { recomposeFromCluster } from './recompose';
import { SECRET_SYNC, secretCopies } from '../runtime/plan';
import { secretValues, STORED_KINDS } from './secretValues';
import { runSecretSync } from './secretSync';
import { GENERATED_SHAPES } from './shapes';
import {
  clusterClient,
  createUserSecrets,
  ensureNamespace,
  installCompositeCrd,
  readExample,
  renderApps,
} from './testCluster';
import { KubeApiError, KubeObject } from './kubeClient';
import type { Loose } from '../__fixtures__/testing';

jest.setTimeout(300_000);

const execFileAsync = promisify(execFile);

const kit = createKit();
const client = clusterClient();
const EXAMPLES: [string, any][] = [
  'MINIMAL-REALTIME-OAM.yaml',
  'REALTIME-OAM-EXAMPLE.yaml',
].map(f => [`example ${f}`, readExample(kit, f)]);
const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'Job'];

/**
 * What a KubeVela release reports for a component, from its live object (fetched now, or the
 * one given: a failing pod's Deployment flaps as kwok makes each replacement Ready, then fails it).
 */
async function liveHealth(
  label: string,
  result: RenderResult,
  c: RenderResult['components'][number],
  observed?: KubeObject,
) {
  const md = c.output.metadata;
  const live =
    observed ??
    (await client.get(
      c.output.apiVersion,
      c.output.kind,
      md.name,
      md.namespace,
    ));
  const app = result.application;
  const context = {
    name: c.name,
    appName: app.name,
    appRevision: `${app.name}-v1`,
  };
  return kubevelaHealth(label, kit.paths.definitions, c.type, context, live);
}
/** Runs a command line the docs or the card show, with the real kubectl of this cluster. */
const shell = async (command: string): Promise<string> =>
  (
    await execFileAsync('bash', ['-c', command], {
      env: {
        ...process.env,
        KUBECONFIG: client.kubeconfig,
        PATH: `${path.dirname(client.kubectlBinary)}:${process.env.PATH}`,
      },
    })
  ).stdout;
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    e => (e instanceof KubeApiError ? e.message : String(e)),
  );

describe('the composite CRD, derived from the XRD as Crossplane does', () => {
  let crd: any;
  beforeAll(async () => {
    crd = await installCompositeCrd(kit, client);
  });

  it('is accepted with a structural schema and served', async () => {
    const stored = await client.get(
      crd.apiVersion,
      crd.kind,
      crd.metadata.name,
    );
    const { status }: Loose = stored;
    const conditions = status.conditions.map(
      (c: any) => `${c.type}=${c.status}`,
    );
    expect(conditions).toEqual(
      expect.arrayContaining(['Established=True', 'NamesAccepted=True']),
    );
    expect(
      conditions.filter((c: string) => c.startsWith('NonStructuralSchema')),
    ).toEqual([]);
  });

  it('negative control: the same CRD with an untyped property is refused', async () => {
    const bad = structuredClone(crd);
    bad.metadata.name = `untypeds.${bad.spec.group}`;
    bad.spec.names = { kind: 'Untyped', plural: 'untypeds' };
    delete bad.spec.versions[0].schema.openAPIV3Schema.properties.spec
      .properties.kafka.type;
    expect(await refusal(client.create(bad, { dryRun: true }))).toMatch(
      /properties\[kafka\]\.type: Required value/,
    );
  });

  it('the server enforces the XRD schema on a composite (range and enum, all errors at once)', async () => {
    const xr = {
      apiVersion: `${crd.spec.group}/${crd.spec.versions[0].name}`,
      kind: crd.spec.names.kind,
      metadata: { name: 'out-of-range', namespace: 'default' },
      spec: { kafka: { replicas: 9 }, resources: { size: 'huge' } },
    };
    const message = await refusal(client.create(xr, { dryRun: true }));
    expect(message).toMatch(
      /spec\.kafka\.replicas: Invalid value: 9: spec\.kafka\.replicas in body should be less than or equal to 5/,
    );
    expect(message).toMatch(/spec\.resources\.size: Unsupported value: "huge"/);
  });
});

describe.each([...EXAMPLES, ...GENERATED_SHAPES])(
  '%s on the simulated cluster',
  (_label, app) => {
    let targets: ClusterObject[];
    let result: RenderResult;

    beforeAll(async () => {
      await installCompositeCrd(kit, client);
      [result] = await renderApps(kit, [app]);
      await ensureNamespace(client, result.application.namespace);
      await createUserSecrets(client, result);
      targets = clusterObjects(result);
    });

    it('the API server accepts every object (component outputs, composed Secrets, unwrapped Objects)', async () => {
      const outcomes = await applyAll(client, targets);
      expect(
        outcomes.map(o => `${o.action} ${objectLabel(o.target.object)}`),
      ).toEqual(targets.map(t => `created ${objectLabel(t.object)}`));
    });

    it('every Deployment and StatefulSet becomes Ready and every Job succeeds on kwok nodes', async () => {
      const stored = await waitForWorkloads(client, targets, 240_000);
      expect(stored.size).toBe(
        targets.filter(t => WORKLOAD_KINDS.includes(t.object.kind)).length,
      );
      const namespaces = [
        ...new Set(targets.map(t => t.object.metadata.namespace!)),
      ];
      for (const ns of namespaces) {
        const pods = await client.list('v1', 'Pod', ns);
        expect(
          pods
            .filter(p => !(p.spec as { nodeName?: string }).nodeName)
            .map(p => p.metadata.name),
        ).toEqual([]);
      }
    });

    it("the secret-sync Job's script, as its ServiceAccount, copies exactly the listed Secret keys into the platform namespace", async () => {
      const run = await runSecretSync(client, result);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const copied: Record<string, unknown> = {};
      const expected: Record<string, unknown> = {};
      for (const { namespace, copies } of secretCopies(targets))
        for (const c of copies) {
          const target: Loose = await client.get(
            'v1',
            'Secret',
            c.toSecret,
            namespace,
          );
          const source: Loose = c.fromKey
            ? await client.get('v1', 'Secret', c.fromSecret, c.fromNamespace)
            : undefined;
          // A line without a key only makes the target Secret, with no data.
          const label = `${namespace}/${c.toSecret} ${
            c.fromKey ? c.toKey : '(exists)'
          }`;
          copied[label] = c.fromKey ? target?.data?.[c.toKey] : !!target;
          expected[label] = c.fromKey ? source.data[c.fromKey] : true;
        }
      expect(Object.keys(copied).length).toBeGreaterThan(5);
      expect(copied).toEqual(expected);
    });

    it('negative controls: the ServiceAccount may read and write no other Secret; a missing key is named', async () => {
      const { name, namespace } = result.platforms[0].xr.metadata;
      const pns = targets.find(t => t.object.kind === 'Namespace')!.object
        .metadata.name;
      const refusals: [string, string][] = [
        [
          `${namespace} ${name}-conn POSTGRES_PASSWORD credentials X`,
          `Secret ${namespace}/${name}-conn cannot be read: create it with key POSTGRES_PASSWORD`,
        ],
        [
          `${namespace} ${name}-credentials MQTT_PASSWORD not-listed X`,
          `Secret ${pns}/not-listed cannot be written`,
        ],
        [
          `${namespace} ${name}-credentials NO_SUCH_KEY credentials X`,
          `Secret ${namespace}/${name}-credentials has no key NO_SUCH_KEY: add it`,
        ],
      ];
      for (const [copies, message] of refusals) {
        const run = await runSecretSync(client, result, `${copies}\n`);
        expect({ copies, code: run.code, stderr: run.stderr.trim() }).toEqual({
          copies,
          code: 1,
          stderr: message,
        });
      }
      expect(
        await client.get('v1', 'Secret', 'not-listed', pns),
      ).toBeUndefined();
    });

    it('a missing source skips only its own copy: every other copy is written, and the Job fails naming it', async () => {
      const { namespace } = result.platforms[0].xr.metadata;
      const pns = targets.find(t => t.object.kind === 'Namespace')!.object
        .metadata.name;
      const listed = String(
        (
          targets.find(
            t =>
              t.object.kind === 'ConfigMap' &&
              t.object.metadata.name === SECRET_SYNC.configMap,
          )!.object.data as Record<string, string>
        )[SECRET_SYNC.key],
      );
      const others = [
        ...new Set(
          listed
            .split('\n')
            .filter(Boolean)
            .map(l => l.split(' ')[3])
            .filter(t => t !== 'credentials'),
        ),
      ];
      expect(others.length).toBeGreaterThan(0);
      const run = await runSecretSync(
        client,
        result,
        `${namespace} no-such-source KEY credentials KEY\n${listed}`,
      );
      expect({ code: run.code, stderr: run.stderr.trim() }).toEqual({
        code: 1,
        stderr: `Secret ${namespace}/no-such-source cannot be read: create it with key KEY`,
      });
      for (const t of others)
        expect(run.stdout).toContain(`Secret ${pns}/${t} applied`);
      expect(run.stdout).not.toContain(`Secret ${pns}/credentials applied`);
    });

    it('the API server holds no secret value outside a Secret (every stored object of both namespaces)', async () => {
      const values = secretValues(result);
      expect(values.length).toBeGreaterThan(5);
      const pns = targets.find(t => t.object.kind === 'Namespace')!.object
        .metadata.name;
      const namespaces = [result.application.namespace, pns];
      const leaks: string[] = [];
      for (const ns of namespaces)
        for (const kind of STORED_KINDS) {
          for (const o of await client.list(kind[0], kind[1], ns)) {
            const text = JSON.stringify(o);
            if (values.some(v => text.includes(v)))
              leaks.push(objectLabel({ ...o, kind: kind[1] }));
          }
        }
      expect(leaks).toEqual([]);
      // Negative control: the platform's own Secrets hold them.
      const stored: Loose = await client.get(
        'v1',
        'Secret',
        'credentials',
        pns,
      );
      expect(values.some(v => JSON.stringify(stored).includes(v))).toBe(true);
    });

    it('the platform namespace enforces Pod Security restricted: a pod without its securityContext is refused', async () => {
      const ns = targets.find(t => t.object.kind === 'Namespace')!.object
        .metadata.name;
      const message = await refusal(
        client.create(
          {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name: 'unrestricted', namespace: ns },
            spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] },
          },
          { dryRun: true },
        ),
      );
      expect(message).toMatch(/violates PodSecurity "restricted:latest"/);
      expect(message).toMatch(/runAsNonRoot != true/);
    });

    it("the application's namespace enforces restricted too: each webservice's pod is admitted, and refused without its securityContext", async () => {
      const ns = result.application.namespace;
      const webservices = targets
        .map(t => t.object as Loose)
        .filter(o => o.kind === 'Deployment' && o.metadata.namespace === ns);
      expect(webservices.length).toBeGreaterThan(0);
      for (const w of webservices) {
        const pod: Loose = {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: `${w.metadata.name}-admission`, namespace: ns },
          spec: structuredClone(w.spec.template.spec),
        };
        expect(await refusal(client.create(pod, { dryRun: true }))).toBe(
          'accepted',
        );
        delete pod.spec.securityContext;
        for (const c of pod.spec.containers) delete c.securityContext;
        expect(await refusal(client.create(pod, { dryRun: true }))).toMatch(
          /violates PodSecurity "restricted:latest"/,
        );
      }
    });

    it("the entity card's kubectl commands, run as a shell runs them, print the connection secret's non-secret keys, and one key", async () => {
      const secret = {
        name: `${result.platforms[0].component}-conn`,
        namespace: result.application.namespace,
      };
      const stored: Loose = await client.get(
        'v1',
        'Secret',
        secret.name,
        secret.namespace,
      );
      const decoded = (k: string) =>
        Buffer.from(stored.data[k], 'base64').toString('utf8');
      const keys = Object.keys(stored.data).sort();
      const plain = keys.filter(k => !isCredentialKey(k));
      expect(plain.length).toBeLessThan(keys.length);
      expect(await shell(kubectlKeysCommand(secret, plain))).toBe(
        plain.map(k => `${k}=${decoded(k)}\n`).join(''),
      );
      expect(
        await shell(kubectlKeyCommand(secret, 'KAFKA_BOOTSTRAP_SERVERS')),
      ).toBe(decoded('KAFKA_BOOTSTRAP_SERVERS'));
      // Negative control: a key the list does not name is not printed, even one the secret holds.
      expect(
        await shell(kubectlKeysCommand(secret, plain.slice(1))),
      ).not.toContain(`${plain[0]}=`);
    });

    it('a second apply, with the credentials read back as the next reconcile does, changes nothing', async () => {
      const again = await recomposeFromCluster(kit, result, client);
      const outcomes = await applyAll(client, clusterObjects(again));
      expect(
        outcomes
          .filter(o => o.action !== 'unchanged')
          .map(o => objectLabel(o.target.object)),
      ).toEqual([]);
      // Negative control: composed afresh (no observed state), the generated credentials differ.
      const [fresh] = await renderApps(kit, [app]);
      const secretOf = (r: RenderResult) =>
        r.platforms[0].composed.find(c => c.name === 'credentials')!.resource
          .data!;
      const stored: Loose = await client.get(
        'v1',
        'Secret',
        `${result.platforms[0].component}-credentials`,
        result.application.namespace,
      );
      expect(secretOf(again)).toEqual(stored!.data);
      const same = Object.keys(secretOf(fresh)).filter(
        k => secretOf(fresh)[k] === stored!.data[k],
      );
      expect(same).toEqual([]);
    });

    it.each(Object.keys(KUBEVELA_RELEASES))(
      'KubeVela %s health policies over the live objects: healthy only once Ready',
      async label => {
        const health = (c: RenderResult['components'][number]) =>
          liveHealth(label, result, c);
        const services = result.components.filter(
          c => c.type !== PLATFORM_COMPONENT_TYPE,
        );
        const platforms = result.components.filter(
          c => c.type === PLATFORM_COMPONENT_TYPE,
        );
        for (const c of services)
          expect(await health(c)).toMatchObject({ healthy: true });
        for (const c of platforms) {
          // Crossplane cannot run here: the test writes the conditions it would set.
          await setCompositeConditions(
            client,
            result,
            c.name,
            compositeConditions(['kafka']),
          );
          expect(await health(c)).toEqual({
            healthy: false,
            message: expect.stringContaining('Unready resources: kafka'),
          });
          await setCompositeConditions(
            client,
            result,
            c.name,
            compositeConditions([]),
          );
          expect(await health(c)).toMatchObject({ healthy: true });
        }
      },
    );
  },
);

describe('the certificate Secret named by mqtt.tls, missing or without a key (every part shape)', () => {
  const [, app] = GENERATED_SHAPES.find(([label]) =>
    label.startsWith('every'),
  )!;

  it('blocks the secret-sync Job with a message that names the Secret and the key, and the copy succeeds once the Secret is whole', async () => {
    const [result] = await renderApps(kit, [app]);
    const { namespace } = result.application;
    const { secretName } = (result.platforms[0].xr.spec as Loose).mqtt.tls;
    await ensureNamespace(client, namespace);
    await applyAll(client, clusterObjects(result));
    await createUserSecrets(client, result);
    const ref = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: secretName, namespace },
    };
    const outcome = async () => {
      const run = await runSecretSync(client, result);
      return { code: run.code, stderr: run.stderr.trim() };
    };
    await client.delete(ref);
    const missing = await outcome();
    // An Opaque Secret may lack a key (a kubernetes.io/tls one is refused without both).
    await client.create({
      ...ref,
      type: 'Opaque',
      stringData: { 'tls.crt': 'x' },
    });
    const lacking = await outcome();
    await client.delete(ref);
    await createUserSecrets(client, result);
    expect({ missing, lacking, whole: await outcome() }).toEqual({
      missing: {
        code: 1,
        stderr: `Secret ${namespace}/${secretName} cannot be read: create it with key tls.crt`,
      },
      lacking: {
        code: 1,
        stderr: `Secret ${namespace}/${secretName} has no key tls.key: add it`,
      },
      whole: { code: 0, stderr: '' },
    });
  });
});

describe('a service whose pods never become ready (they ask for a node no node matches)', () => {
  // kwok makes every scheduled pod ready, and its chaos stage that fails a labelled pod's
  // containers makes the ReplicaSet replace it with a pod that is ready again for a moment: the
  // ready count flaps. A pod no node matches stays Pending, so it is never ready.
  const NO_NODE = { 'realtime.platform.example.org/no-such-node': 'true' };
  const service = async () => {
    const [result] = await renderApps(kit, [GENERATED_SHAPES[1][1]]);
    const component = result.components.find(
      c => c.type !== PLATFORM_COMPONENT_TYPE,
    )!;
    const md = component.output.metadata;
    const live = (): Promise<Loose> =>
      client.get('apps/v1', 'Deployment', md.name, md.namespace);
    return { result, component, live };
  };

  it.each(Object.keys(KUBEVELA_RELEASES))(
    'is unhealthy for KubeVela %s, and the message counts the ready pods',
    async label => {
      const { result, component, live } = await service();
      const before = await live();
      // Recreate: a rolling update keeps the old ready pod while the new one waits.
      if (!before.spec.template.spec.nodeSelector)
        await client.mergePatch(before, {
          spec: {
            strategy: { type: 'Recreate', rollingUpdate: null },
            template: { spec: { nodeSelector: NO_NODE } },
          },
        });
      let now = await live();
      for (let i = 0; i < 120 && (now.status.readyReplicas ?? 0) > 0; i++) {
        await new Promise(r => setTimeout(r, 500));
        now = await live();
      }
      expect(now.status.readyReplicas ?? 0).toBe(0);
      expect(await liveHealth(label, result, component, now)).toEqual({
        healthy: false,
        message: expect.stringMatching(/^0\/1 ready/),
      });
    },
  );

  afterAll(async () => {
    const live = await (await service()).live();
    if (live)
      await client.mergePatch(live, {
        spec: { template: { spec: { nodeSelector: null } } },
      });
  });
});

describe('a composed object the server refuses', () => {
  it("fails naming the component, the part, the object and the server's own message", async () => {
    const [result] = await renderApps(kit, [EXAMPLES[0][1]]);
    const target = clusterObjects(result).find(
      t => t.object.kind === 'Deployment' && t.via === 'provider-kubernetes',
    )!;
    const broken: ClusterObject = {
      ...target,
      object: structuredClone(target.object),
    };
    broken.object.metadata = {
      ...broken.object.metadata,
      name: 'selector-mismatch',
      namespace: 'default',
    };
    (broken.object as Loose).spec.selector.matchLabels = {
      'not-in-the-template': 'x',
    };
    await expect(applyObject(client, broken, { dryRun: true })).rejects.toThrow(
      `${target.component}/${target.part} (Deployment default/selector-mismatch, applied by provider-kubernetes) was refused by the API server: Deployment.apps "selector-mismatch" is invalid: spec.template.metadata.labels: Invalid value`,
    );
  });
});
