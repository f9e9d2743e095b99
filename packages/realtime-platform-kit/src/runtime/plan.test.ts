import path from 'node:path';
import { kit } from '../__fixtures__/testing';
import { RenderResult } from '../kit';
import { userSecrets } from '../cluster/testCluster';
import { egressHosts } from './egress';
import { RuntimeError } from './errors';
import { imageProfile } from './images';
import { runtimePlan, RuntimePlan, RuntimePod } from './plan';
import { containerEnv, expandReferences } from './podEnv';

jest.setTimeout(60_000);

const example = (f: string) =>
  kit.render(path.join(kit.paths.root, 'platform', 'examples', f));
let minimal: RenderResult;
let full: RenderResult;
beforeAll(async () => {
  [minimal, full] = await Promise.all([
    example('MINIMAL-REALTIME-OAM.yaml'),
    example('REALTIME-OAM-EXAMPLE.yaml'),
  ]);
});

const pod = (plan: RuntimePlan, name: string) =>
  plan.pods.find(p => p.name === name)!;

describe('runtimePlan', () => {
  it('runs one pod per replica of every composed workload and every Job, each with its own address', () => {
    const plan = runtimePlan(full, userSecrets(full));
    const names = plan.pods.map(p => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'kafka-0',
        'kafka-1',
        'kafka-2',
        'connect-local-0',
        'connect-local-1',
        'ingest-local-2',
      ]),
    );
    expect(names.filter(n => n.startsWith('topics-'))).toHaveLength(1);
    expect(new Set(plan.pods.map(p => p.ip)).size).toBe(plan.pods.length);
  });

  it('resolves Service names to the pods they select, and StatefulSet pods under their headless Service', () => {
    const plan = runtimePlan(minimal);
    const ns = 'demo--events-realtime';
    const kafka0 = pod(plan, 'kafka-0');
    const names = plan.hosts.find(h => h.ip === kafka0.ip)!.names;
    expect(names).toEqual(
      expect.arrayContaining([
        `kafka.${ns}.svc.cluster.local`,
        `kafka-0.kafka-headless.${ns}.svc.cluster.local`,
      ]),
    );
    // A pod's short name resolves only in its own hosts file.
    expect(names).not.toContain('kafka-0');
  });

  it('copies Secrets as provider-kubernetes resolves their references, and names a missing user Secret with the fix', () => {
    const plan = runtimePlan(minimal);
    const copy = plan.secrets.get('demo--events-realtime/credentials')!;
    const source = plan.secrets.get('demo/events-credentials')!;
    expect(
      copy.get('POSTGRES_PASSWORD')!.equals(source.get('POSTGRES_PASSWORD')!),
    ).toBe(true);
    expect(() => runtimePlan(full)).toThrow(RuntimeError);
    expect(() => runtimePlan(full)).toThrow(
      /Secret factory\/lenses-license key LICENSE_KEY.*fix: create it/,
    );
  });
});

describe('containerEnv', () => {
  const plan = (): RuntimePlan => ({
    pods: [],
    services: [],
    hosts: [],
    configMaps: new Map(),
    secrets: new Map([
      [
        'app/conn',
        new Map([
          ['HOST', Buffer.from('from-secret')],
          ['PORT', Buffer.from('1')],
        ]),
      ],
    ]),
  });
  const p = { name: 'web-0', namespace: 'app', ip: '10.244.0.9' } as RuntimePod;

  it('lets env win over envFrom, expands $(VAR) from earlier variables, and sets HOSTNAME to the pod', () => {
    const env = containerEnv(plan(), p, {
      name: 'web',
      image: 'x:1',
      envFrom: [{ secretRef: { name: 'conn' } }],
      env: [
        { name: 'HOST', value: 'override' },
        { name: 'URL', value: 'http://$(HOST):$(PORT)/$(UNSET)/$$(HOST)' },
        { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      ],
    });
    expect(env).toMatchObject({
      HOSTNAME: 'web-0',
      HOST: 'override',
      URL: 'http://override:1/$(UNSET)/$(HOST)',
      IP: '10.244.0.9',
    });
  });

  it('names the variable, Secret and key that is missing', () => {
    expect(() =>
      containerEnv(plan(), p, {
        name: 'web',
        image: 'x:1',
        env: [
          {
            name: 'PW',
            valueFrom: { secretKeyRef: { name: 'conn', key: 'NOPE' } },
          },
        ],
      }),
    ).toThrow(
      'pod app/web-0 container web env PW: Secret app/conn has no key NOPE',
    );
  });

  it('expands references as the kubelet does', () => {
    expect(expandReferences('$(A)-$$(A)-$(B)', { A: 'a' })).toBe('a-$(A)-$(B)');
  });
});

describe('egressHosts and image profiles', () => {
  it('lets only the Connect pods reach the Maven repository their init container names', () => {
    const plan = runtimePlan(minimal);
    expect(plan.pods.flatMap(egressHosts)).toEqual([]);
    const connect = runtimePlan(full, userSecrets(full)).pods.filter(
      q => egressHosts(q).length,
    );
    expect(connect.map(q => q.name)).toEqual([
      'connect-local-0',
      'connect-local-1',
    ]);
    expect(egressHosts(connect[0])).toEqual([
      { host: 'repo.maven.apache.org', port: 443, address: '127.0.0.53' },
    ]);
  });

  it("has a profile for every image the Composition names, and none for application images but the guide's demo service", () => {
    const images = new Set(
      runtimePlan(minimal)
        .pods.flatMap(q => [...q.initContainers, ...q.containers])
        .map(c => c.image),
    );
    for (const image of images)
      expect({ image, profiled: !!imageProfile(image) }).toEqual({
        image,
        profiled: !image.startsWith('ghcr.io/example/'),
      });
  });
});
