import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { runComposition } from './composition';
import { compositionRenderBinary } from './paths';
import { kit } from './__fixtures__/testing';

jest.setTimeout(60_000);

/** A Composition file with the given go-templating template. */
function compositionWith(template: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'composition-test-'));
  const file = path.join(dir, 'composition.yaml');
  fs.writeFileSync(
    file,
    stringify({
      apiVersion: 'apiextensions.crossplane.io/v1',
      kind: 'Composition',
      metadata: { name: 't' },
      spec: {
        mode: 'Pipeline',
        pipeline: [
          {
            step: 's',
            functionRef: { name: 'function-go-templating' },
            input: {
              kind: 'GoTemplate',
              source: 'Inline',
              inline: { template },
            },
          },
        ],
      },
    }),
  );
  return file;
}

const xr = {
  apiVersion: 'example.org/v1',
  kind: 'XThing',
  metadata: { name: 'a', namespace: 'n' },
  spec: { items: ['x', 'y'], replicas: 2 },
};

async function renderWith(template: string, observed?: Record<string, any>) {
  const [res] = await runComposition(
    compositionRenderBinary(kit.paths.root),
    compositionWith(template),
    [{ xr, observed }],
  );
  return res;
}

describe('composition-render follows function-go-templating', () => {
  it('names resources by annotation, strips the meta annotations and reports readiness', async () => {
    const res = await renderWith(`---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .observed.composite.resource.metadata.name }}
  annotations:
    {{ setResourceNameAnnotation "cm" }}
    gotemplating.fn.crossplane.io/ready: "True"
data:
  items: {{ .observed.composite.resource.spec.items | toYaml | quote }}
  replicas: {{ printf "%d" .observed.composite.resource.spec.replicas | quote }}`);
    expect(res.error).toBeUndefined();
    expect(res.resources).toEqual([
      {
        name: 'cm',
        ready: 'True',
        resource: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'a' },
          // gopkg.in/yaml.v3, as the function's toYaml, quotes the YAML 1.1 boolean "y"
          data: { items: '- x\n- "y"\n', replicas: '2' },
        },
      },
    ]);
  });

  it('fails like the function when a resource has no composition-resource-name', async () => {
    const res = await renderWith(
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n',
    );
    expect(res.error).toContain(
      'template is missing required "gotemplating.fn.crossplane.io/composition-resource-name" annotation',
    );
  });

  it('routes the composite kind without a name to the composite status', async () => {
    const res = await renderWith(
      'apiVersion: example.org/v1\nkind: XThing\nstatus: {phase: ok}\n',
    );
    expect(res.resources).toEqual([]);
    expect(res.compositeStatus).toEqual({ phase: 'ok' });
  });

  it('offers getComposedResource over the observed resources and removes env', async () => {
    const res = await renderWith(
      `{{ $cm := getComposedResource . "cm" }}---
apiVersion: v1
kind: ConfigMap
metadata:
  name: copy
  annotations:
    {{ setResourceNameAnnotation "copy" }}
data:
  seen: {{ $cm.data.value | quote }}`,
      {
        cm: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'cm' },
          data: { value: 'v' },
        },
      },
    );
    expect(res.resources[0].resource.data).toEqual({ seen: 'v' });
    await expect(renderWith('{{ env "HOME" }}')).rejects.toThrow(
      'function "env" not defined',
    );
  });
});
