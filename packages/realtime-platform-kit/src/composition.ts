import fs from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { run } from './exec';

/** One resource the Composition's go-templating step composes. */
export interface ComposedResource {
  /** `gotemplating.fn.crossplane.io/composition-resource-name` */
  name: string;
  /** Readiness set by the template (`True`) or left to function-auto-ready (`Unspecified`). */
  ready: 'True' | 'False' | 'Unspecified';
  resource: any;
}

/** Output of the Composition for one composite resource. */
export interface CompositionResult {
  resources: ComposedResource[];
  compositeStatus?: any;
  error?: string;
}

/** The XRD and Composition documents of `platform/realtime-compositions.yaml`. */
export interface CompositionFile {
  xrd: any;
  composition: any;
  functions: any[];
}

/** Parses `platform/realtime-compositions.yaml`. */
export function loadCompositionFile(file: string): CompositionFile {
  const docs = parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => {
    if (d.errors.length) throw new Error(`${file}: ${d.errors[0].message}`);
    return d.toJS() as any;
  });
  const xrd = docs.find(d => d?.kind === 'CompositeResourceDefinition');
  const composition = docs.find(d => d?.kind === 'Composition');
  if (!xrd || !composition)
    throw new Error(
      `${file}: needs a CompositeResourceDefinition and a Composition`,
    );
  return {
    xrd,
    composition,
    functions: docs.filter(d => d?.kind === 'Function'),
  };
}

/** The XRD's openAPIV3Schema for the served version. */
export function xrdOpenApiSchema(xrd: any): any {
  return xrd.spec.versions.find((v: any) => v.served).schema.openAPIV3Schema;
}

/**
 * Runs the Composition's go-templating step for each composite resource with the project's
 * renderer (tools/composition-render: the same text/template + sprig engine the function
 * uses). `observed` lets a test feed back previously composed resources by name.
 */
export async function runComposition(
  binary: string,
  compositionFile: string,
  requests: { xr: any; observed?: Record<string, any> }[],
): Promise<CompositionResult[]> {
  if (!requests.length) return [];
  const res = await run(
    binary,
    ['--composition', compositionFile],
    JSON.stringify(
      requests.map(r => ({ xr: r.xr, observed: r.observed ?? {} })),
    ),
  );
  if (res.code !== 0)
    throw new Error(`composition-render failed: ${res.stderr.trim()}`);
  return JSON.parse(res.stdout);
}
