import fs from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { run } from './exec';
import { isRecord, JsonObject, KubeObject, OpenApiSchema } from './types';

/** provider-kubernetes `spec.references[]` of an `Object`: a field patched in at apply time. */
export interface ObjectReference {
  patchesFrom?: {
    apiVersion: string;
    kind: string;
    name: string;
    namespace?: string;
    fieldPath: string;
  };
  toFieldPath?: string;
  [key: string]: unknown;
}

/**
 * An object the Composition composes: a native resource (the Secrets), or a provider-kubernetes
 * `Object` whose `spec.forProvider.manifest` is the object it applies.
 */
export interface ComposedObject extends KubeObject {
  /** Secret data (base64), on composed Secrets. */
  data?: Record<string, string>;
  spec?: {
    forProvider?: { manifest?: KubeObject; [key: string]: unknown };
    references?: ObjectReference[];
    [key: string]: unknown;
  };
}

/** One resource the Composition's go-templating step composes. */
export interface ComposedResource {
  /** `gotemplating.fn.crossplane.io/composition-resource-name` */
  name: string;
  /** Readiness set by the template (`True`) or left to function-auto-ready (`Unspecified`). */
  ready: 'True' | 'False' | 'Unspecified';
  resource: ComposedObject;
}

/** Output of the Composition for one composite resource. */
export interface CompositionResult {
  resources: ComposedResource[];
  /** The composite's `status` as the template writes it. */
  compositeStatus?: JsonObject;
  error?: string;
}

/** One version of a CompositeResourceDefinition (`spec.versions[]`). */
export interface XrdVersion {
  name: string;
  served: boolean;
  referenceable: boolean;
  deprecated?: boolean;
  deprecationWarning?: string;
  schema?: { openAPIV3Schema?: OpenApiSchema };
  additionalPrinterColumns?: JsonObject[];
  subresources?: { scale?: JsonObject; [key: string]: unknown };
  [key: string]: unknown;
}

/** A Crossplane CompositeResourceDefinition (`apiextensions.crossplane.io`), the fields the kit reads. */
export interface CompositeResourceDefinition extends KubeObject {
  spec: {
    group: string;
    names: {
      kind: string;
      plural: string;
      categories?: string[];
      [key: string]: unknown;
    };
    /** `Namespaced` or `Cluster` in Crossplane v2; `LegacyCluster` (the default) is v1-style. */
    scope?: string;
    versions: XrdVersion[];
    defaultCompositionUpdatePolicy?: string;
    conversion?: JsonObject;
    /** Labels and annotations for the generated CRD. */
    metadata?: {
      labels?: Record<string, string>;
      annotations?: Record<string, string>;
    };
    [key: string]: unknown;
  };
}

/** One step of a Composition's function pipeline. */
export interface CompositionStep {
  step: string;
  functionRef: { name: string };
  /** The function's input; for function-go-templating the inline template. */
  input?: {
    inline?: { template?: string; [key: string]: unknown };
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** A Crossplane Composition in pipeline mode, the fields the kit reads. */
export interface Composition extends KubeObject {
  spec: {
    compositeTypeRef: { apiVersion: string; kind: string };
    pipeline: CompositionStep[];
    [key: string]: unknown;
  };
}

/** The XRD and Composition documents of `platform/realtime-compositions.yaml`. */
export interface CompositionFile {
  xrd: CompositeResourceDefinition;
  composition: Composition;
  /** The Crossplane `Function` packages the pipeline uses. */
  functions: KubeObject[];
}

/** Parses `platform/realtime-compositions.yaml`. */
export function loadCompositionFile(file: string): CompositionFile {
  const docs = parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => {
    if (d.errors.length) throw new Error(`${file}: ${d.errors[0].message}`);
    return d.toJS() as unknown;
  });
  const objects = docs.filter(isRecord);
  const xrd = objects.find(d => d.kind === 'CompositeResourceDefinition');
  const composition = objects.find(d => d.kind === 'Composition');
  if (!xrd || !composition)
    throw new Error(
      `${file}: needs a CompositeResourceDefinition and a Composition`,
    );
  return {
    xrd: xrd as CompositeResourceDefinition,
    composition: composition as Composition,
    functions: objects.filter(d => d.kind === 'Function') as KubeObject[],
  };
}

/** The XRD's openAPIV3Schema for the served version. */
export function xrdOpenApiSchema(
  xrd: CompositeResourceDefinition,
): OpenApiSchema {
  const schema = xrd.spec.versions.find(v => v.served)?.schema?.openAPIV3Schema;
  if (!schema)
    throw new Error(
      `XRD ${xrd.metadata.name}: no served version with schema.openAPIV3Schema`,
    );
  return schema;
}

/** One composite resource for {@link runComposition}. */
export interface CompositionRequest {
  xr: KubeObject;
  /** Previously composed resources, by composition-resource-name (Crossplane's observed state). */
  observed?: Record<string, KubeObject>;
}

/**
 * Runs the Composition's go-templating step for each composite resource with the project's
 * renderer (tools/composition-render: the same text/template + sprig engine the function
 * uses). `observed` lets a test feed back previously composed resources by name.
 */
export async function runComposition(
  binary: string,
  compositionFile: string,
  requests: CompositionRequest[],
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
  return JSON.parse(res.stdout) as CompositionResult[];
}
