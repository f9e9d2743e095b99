import Ajv from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import { xrdOpenApiSchema } from './composition';
import { formatIssue } from './issues';
import { kit } from './__fixtures__/testing';

// Each test spawns cue and composition-render; under a parallel repo-wide run they can take seconds.
jest.setTimeout(60_000);

const examples = path.join(kit.paths.root, 'platform', 'examples');
const valid = ['MINIMAL-REALTIME-OAM.yaml', 'REALTIME-OAM-EXAMPLE.yaml'].map(
  f => path.join(examples, f),
);
const invalidDir = path.join(examples, 'invalid');
const invalid = fs
  .readdirSync(invalidDir)
  .filter(f => f.endsWith('.yaml'))
  .map(f => path.join(invalidDir, f));

function expectation(file: string): string {
  const m = /^# expect: (.+)$/m.exec(fs.readFileSync(file, 'utf8'));
  if (!m) throw new Error(`${file} has no "# expect:" line`);
  return m[1].trim();
}

describe('examples', () => {
  it('both examples validate and render components and composed resources', async () => {
    const results = await kit.validateFiles(valid);
    for (const r of results) {
      expect(r.issues.map(formatIssue)).toEqual([]);
      expect(r.valid).toBe(true);
      expect(r.result!.platforms.length).toBe(1);
      expect(r.result!.platforms[0].composed.length).toBeGreaterThan(20);
      expect(r.result!.objects.map(o => o.kind)).toContain('Deployment');
    }
  });

  it('every rendered composite resource validates against the XRD openAPIV3Schema (ajv)', async () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validateXr = ajv.compile(xrdOpenApiSchema(kit.compositionFile.xrd));
    const results = await kit.validateFiles(valid);
    for (const r of results) {
      for (const p of r.result!.platforms) {
        const ok = validateXr(p.xr);
        expect(validateXr.errors ?? []).toEqual([]);
        expect(ok).toBe(true);
      }
    }
    // The API server prunes fields an XRD does not declare: a strict copy of the schema proves
    // the composite carries nothing that would be silently dropped.
    const strict = (schema: any): any => {
      if (!schema || typeof schema !== 'object') return schema;
      const out: any = Array.isArray(schema) ? schema.map(strict) : {};
      if (!Array.isArray(schema)) {
        for (const [k, v] of Object.entries(schema)) out[k] = strict(v);
        if (
          schema.properties &&
          !schema['x-kubernetes-preserve-unknown-fields']
        )
          out.additionalProperties = false;
      }
      return out;
    };
    const strictSchema = strict(xrdOpenApiSchema(kit.compositionFile.xrd));
    strictSchema.additionalProperties = true; // apiVersion, kind, metadata
    const validateStrict = ajv.compile(strictSchema);
    expect(
      validateStrict({ spec: { kafka: { replicas: 1, replica: 3 } } }),
    ).toBe(false);
    for (const r of results) {
      for (const p of r.result!.platforms) {
        validateStrict(p.xr);
        expect(validateStrict.errors ?? []).toEqual([]);
      }
    }
    // A claim the schema must reject, so the check above is not vacuous.
    expect(validateXr({ spec: { kafka: { replicas: 9 } } })).toBe(false);
  });

  it('every standard Kubernetes object validates against the kubernetes-models schemas', async () => {
    const results = await kit.validateFiles(valid);
    const kinds = new Set<string>();
    for (const r of results)
      for (const o of kit.allObjects(r.result!)) kinds.add(o.kind);
    expect([...kinds]).toEqual(
      expect.arrayContaining([
        'Deployment',
        'StatefulSet',
        'Job',
        'Service',
        'Secret',
        'ConfigMap',
        'Namespace',
      ]),
    );
  });

  it.each(invalid.map(f => [path.basename(f), f]))(
    '%s fails with its expected message',
    async (_n, file) => {
      const [r] = await kit.validateFiles([file]);
      expect(r.valid).toBe(false);
      expect(r.result).toBeUndefined();
      const lines = r.issues.map(formatIssue);
      expect(lines.length).toBe(1);
      expect(lines[0]).toContain(expectation(file));
      expect(lines[0]).toContain(file);
      expect(lines[0]).toContain('(fix: ');
    },
  );
});
