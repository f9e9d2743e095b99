import { stringify } from 'yaml';
import { GENERATED_SHAPES } from './cluster/shapes';
import { kit, Loose, manifestOf } from './__fixtures__/testing';

jest.setTimeout(60_000);

const WORKLOADS = ['Deployment', 'StatefulSet'];

/** `<workload>:<port name>` of every metrics port no composed Service in its namespace exposes. */
function unexposedMetricsPorts(manifests: Loose[]): string[] {
  const services = manifests.filter(m => m?.kind === 'Service');
  return manifests
    .filter(m => WORKLOADS.includes(m?.kind))
    .flatMap(w => {
      const labels = w.spec.template.metadata?.labels ?? {};
      const selecting = services.filter(
        s =>
          s.metadata.namespace === w.metadata.namespace &&
          Object.entries(s.spec.selector ?? {}).every(
            ([k, v]) => labels[k] === v,
          ),
      );
      return w.spec.template.spec.containers.flatMap((c: Loose) =>
        (c.ports ?? [])
          .filter((p: Loose) => p.name === 'metrics')
          .filter(
            (p: Loose) =>
              !selecting.some(s =>
                s.spec.ports.some(
                  (sp: Loose) =>
                    (sp.targetPort ?? sp.port) === p.containerPort ||
                    sp.targetPort === p.name,
                ),
              ),
          )
          .map(() => `${w.metadata.name}:${c.name}`),
      );
    });
}

describe('metrics ports', () => {
  it('every container port named metrics is exposed by a Service that selects its pods (the docs tell users to scrape them there)', async () => {
    const [label, full] = GENERATED_SHAPES.find(([l]) =>
      l.startsWith('every'),
    )!;
    const [fv] = await kit.validateTexts([
      { file: `${label}.yaml`, text: stringify(full) },
    ]);
    const manifests = fv.result!.platforms[0].composed.map(manifestOf);
    expect(
      manifests.some(m =>
        m?.spec?.template?.spec?.containers?.some((c: Loose) =>
          c.ports?.some((p: Loose) => p.name === 'metrics'),
        ),
      ),
    ).toBe(true);
    expect(unexposedMetricsPorts(manifests)).toEqual([]);
  });

  it('negative control: the metrics port removed from its Service is reported', async () => {
    const [, full] = GENERATED_SHAPES.find(([l]) => l.startsWith('every'))!;
    const [fv] = await kit.validateTexts([
      { file: 'full.yaml', text: stringify(full) },
    ]);
    const manifests = fv.result!.platforms[0].composed.map(manifestOf);
    for (const s of manifests.filter(m => m?.kind === 'Service')) {
      s.spec.ports = s.spec.ports.filter((p: Loose) => p.name !== 'metrics');
    }
    expect(unexposedMetricsPorts(manifests)).toEqual(['lenses-hq:lenses-hq']);
  });
});
