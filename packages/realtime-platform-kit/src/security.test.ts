/**
 * Guarantee 12, secure by default, on every rendered object of both examples and of generated
 * applications: no secret value outside a Secret, Pod Security `restricted` asked for, and
 * NetworkPolicies that let the application's namespace reach exactly the client ports. The
 * simulated cluster (controlPlane.cluster.ts) holds the same guarantees against a real API server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { SERVICES } from '@internal/realtime-platform-contract';
import { clusterObjects } from './cluster/manifests';
import { secretValues } from './cluster/secretValues';
import { GENERATED_SHAPES } from './cluster/shapes';
import { RenderResult } from './kit';
import { ingressAccess } from './networkAccess';
import { kit, Loose } from './__fixtures__/testing';

jest.setTimeout(120_000);

const APPS: [string, unknown][] = [
  ...['MINIMAL-REALTIME-OAM.yaml', 'REALTIME-OAM-EXAMPLE.yaml'].map(
    (f): [string, unknown] => [
      f,
      parse(
        fs.readFileSync(
          path.join(kit.paths.root, 'platform', 'examples', f),
          'utf8',
        ),
      ),
    ],
  ),
  ...GENERATED_SHAPES,
];

let results: [string, RenderResult][];
beforeAll(async () => {
  const validations = await kit.validateTexts(
    APPS.map(([label, a]) => ({ file: `${label}.yaml`, text: stringify(a) })),
  );
  results = validations.map((v, i) => {
    if (!v.valid) throw new Error(v.issues.map(x => x.message).join('; '));
    return [APPS[i][0], v.result!];
  });
});

/** Every object a result renders: component outputs, composed resources, Objects' manifests. */
const everyObject = (r: RenderResult): Loose[] => [
  ...r.objects,
  ...r.platforms.flatMap(p => p.composed.map(c => c.resource)),
];

/** `Kind name` of each object but a Secret that holds one of `values`. */
const holders = (objects: Loose[], values: string[]) =>
  objects
    .filter(o => o.kind !== 'Secret')
    .filter(o => values.some(v => JSON.stringify(o).includes(v)))
    .map(o => `${o.kind} ${o.metadata.name}`);

describe('no secret value outside a Secret', () => {
  it('no provider-kubernetes Object copies a Secret field (the provider stores a patched value in the Object)', () => {
    // provider-kubernetes writes a references[].patchesFrom value into the Object's
    // spec.forProvider.manifest and status.atProvider.manifest (crossplane-contrib/provider-kubernetes#223).
    const copies = results.flatMap(([label, r]) =>
      r.platforms.flatMap(p =>
        p.composed
          .filter(c =>
            (c.resource?.spec?.references ?? []).some(
              (ref: Loose) => ref.patchesFrom?.kind === 'Secret',
            ),
          )
          .map(c => `${label}: ${c.name}`),
      ),
    );
    expect(copies).toEqual([]);
  });

  it('no rendered object but a Secret holds a generated credential, decoded or base64', () => {
    const leaks = results.flatMap(([label, r]) => {
      const values = secretValues(r);
      expect(values.length).toBeGreaterThan(5);
      return holders(everyObject(r), values).map(h => `${label}: ${h}`);
    });
    expect(leaks).toEqual([]);
  });

  it('negative control: a decoded credential written into a composed ConfigMap is found', () => {
    const [, r] = results[0];
    const values = secretValues(r);
    const objects = structuredClone(everyObject(r));
    const configMap = objects.find(
      o => o.spec?.forProvider?.manifest?.kind === 'ConfigMap',
    );
    configMap.spec.forProvider.manifest.data.leak = `password=${values[1]}`;
    expect(holders(objects, values)).toEqual([
      `Object ${configMap.metadata.name}`,
    ]);
  });

  it('every env entry whose name says credential reads it from a Secret, never a literal', () => {
    const credential = /PASSWORD|SECRET|TOKEN|_KEY$|^KEY$/;
    const literals = results.flatMap(([label, r]) =>
      clusterObjects(r).flatMap(({ object }) => {
        const spec = (object.spec as Loose)?.template?.spec;
        return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]
          .flatMap((c: Loose) => c.env ?? [])
          .filter((e: Loose) => credential.test(e.name) && 'value' in e)
          .map((e: Loose) => `${label}: ${object.metadata.name} ${e.name}`);
      }),
    );
    expect(literals).toEqual([]);
  });
});

describe('Pod Security restricted', () => {
  it('the platform namespace enforces restricted, and every platform pod asks for it', () => {
    const violations = results.flatMap(([label, r]) => {
      const objects = clusterObjects(r).map(o => o.object as Loose);
      const ns = objects.find(o => o.kind === 'Namespace');
      const out: string[] = [];
      if (
        ns.metadata.labels['pod-security.kubernetes.io/enforce'] !==
        'restricted'
      )
        out.push(
          `${label}: namespace ${ns.metadata.name} does not enforce restricted`,
        );
      for (const o of objects.filter(
        x =>
          x.metadata.namespace === ns.metadata.name && x.spec?.template?.spec,
      )) {
        const spec = o.spec.template.spec;
        const where = `${label}: ${o.kind} ${o.metadata.name}`;
        if (spec.securityContext?.runAsNonRoot !== true)
          out.push(`${where}: runAsNonRoot`);
        if (spec.securityContext?.seccompProfile?.type !== 'RuntimeDefault')
          out.push(`${where}: seccompProfile`);
        for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
          const sc = c.securityContext ?? {};
          if (sc.allowPrivilegeEscalation !== false)
            out.push(`${where} ${c.name}: allowPrivilegeEscalation`);
          if (!(sc.capabilities?.drop ?? []).includes('ALL'))
            out.push(`${where} ${c.name}: capabilities.drop ALL`);
          if (!(sc.runAsUser > 0)) out.push(`${where} ${c.name}: runAsUser`);
        }
      }
      return out;
    });
    expect(violations).toEqual([]);
  });
});

describe('NetworkPolicies', () => {
  const APP_NAMESPACE_PORTS = Object.values(SERVICES).map(
    s => `${s.name}:${s.port}`,
  );

  it("the application's namespace reaches exactly the client ports; every other port only the platform's pods", () => {
    const full = results.find(([label]) => label.startsWith('every'))!;
    const [, r] = full;
    const objects = clusterObjects(r).map(o => o.object);
    const ns = objects.find(o => o.kind === 'Namespace')!.metadata.name;
    const access = ingressAccess(
      objects.filter(o => o.metadata.namespace === ns),
    );
    const fromApp = `namespace ${r.application.namespace}`;
    expect(
      access
        .filter(a => a.from.includes(fromApp))
        .map(a => `${a.pods}:${a.port}`)
        .sort(),
    ).toEqual([...new Set(APP_NAMESPACE_PORTS)].sort());
    for (const a of access) {
      expect(a.from).not.toContain('anyone');
      expect(a.from).toContain('the platform namespace');
      expect(a.from.filter(f => f !== fromApp)).toEqual([
        'the platform namespace',
      ]);
    }
    expect(access.map(a => `${a.pods}:${a.port}`)).toEqual(
      expect.arrayContaining(['kafka:9093', 'connect:8083', 'lenses-hq:10000']),
    );
  });

  it('negative control: without the default deny, a pod no other policy selects accepts anyone', () => {
    const [, r] = results.find(([label]) => label.startsWith('every'))!;
    const objects = clusterObjects(r).map(o => o.object);
    const ns = objects.find(o => o.kind === 'Namespace')!.metadata.name;
    const kept = objects.filter(
      o =>
        o.metadata.namespace === ns &&
        !(
          o.kind === 'NetworkPolicy' &&
          ['default-deny', 'platform-internal'].includes(o.metadata.name)
        ),
    );
    const connect = ingressAccess(kept).find(a => a.pods === 'connect')!;
    expect(connect.from).toEqual(['anyone']);
  });
});
