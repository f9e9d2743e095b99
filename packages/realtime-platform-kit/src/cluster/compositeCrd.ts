/**
 * The CustomResourceDefinition Crossplane generates from a CompositeResourceDefinition, following
 * crossplane-runtime `pkg/xcrd` (`ForCompositeResource`, `CompositeResourceSpecProps`,
 * `CompositeResourceStatusProps`, `CompositeResourcePrinterColumns`) for Crossplane v2 scopes
 * `Namespaced` and `Cluster`. Crossplane itself cannot run here (its modules are not served by the
 * Go module proxy), so the kit derives the same object to hand it to a real kube-apiserver.
 */

import { CompositeResourceDefinition, XrdVersion } from '../composition';
import { JsonObject, KubeObject, OpenApiSchema } from '../types';

/** One version of the generated CRD (`spec.versions[]` of `apiextensions.k8s.io/v1`). */
export interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  deprecated?: boolean;
  deprecationWarning?: string;
  additionalPrinterColumns: JsonObject[];
  subresources: { status: JsonObject; scale?: JsonObject };
  schema: { openAPIV3Schema: OpenApiSchema };
}

/** The CustomResourceDefinition of a composite resource, as {@link compositeResourceCrd} derives it. */
export interface CustomResourceDefinition extends KubeObject {
  spec: {
    group: string;
    names: CompositeResourceDefinition['spec']['names'];
    scope: 'Namespaced' | 'Cluster';
    conversion?: JsonObject;
    versions: CrdVersion[];
  };
}

const str: OpenApiSchema = { type: 'string' };
const nameRef: OpenApiSchema = {
  type: 'object',
  required: ['name'],
  properties: { name: str },
};
const labelSelector: OpenApiSchema = {
  type: 'object',
  required: ['matchLabels'],
  properties: {
    matchLabels: { type: 'object', additionalProperties: str },
  },
};

/** `spec.crossplane` of a v2 composite (what Crossplane adds to the XRD's own spec schema). */
function crossplaneSpecProps(
  defaultUpdatePolicy?: string,
): Record<string, OpenApiSchema> {
  return {
    crossplane: {
      type: 'object',
      description:
        'Configures how Crossplane will reconcile this composite resource',
      properties: {
        compositionRef: nameRef,
        compositionSelector: labelSelector,
        compositionRevisionRef: nameRef,
        compositionRevisionSelector: labelSelector,
        compositionUpdatePolicy: {
          type: 'string',
          enum: ['Automatic', 'Manual'],
          ...(defaultUpdatePolicy ? { default: defaultUpdatePolicy } : {}),
        },
        resourceRefs: {
          type: 'array',
          'x-kubernetes-list-type': 'atomic',
          items: {
            type: 'object',
            required: ['apiVersion', 'kind'],
            properties: { apiVersion: str, name: str, kind: str },
          },
        },
      },
    },
  };
}

const conditionsProp: Record<string, OpenApiSchema> = {
  conditions: {
    description: 'Conditions of the resource.',
    type: 'array',
    'x-kubernetes-list-map-keys': ['type'],
    'x-kubernetes-list-type': 'map',
    items: {
      type: 'object',
      required: ['lastTransitionTime', 'reason', 'status', 'type'],
      properties: {
        lastTransitionTime: { type: 'string', format: 'date-time' },
        message: str,
        reason: str,
        status: str,
        type: str,
        observedGeneration: { type: 'integer', format: 'int64' },
      },
    },
  },
};

const printerColumns: JsonObject[] = [
  {
    name: 'SYNCED',
    type: 'string',
    jsonPath: ".status.conditions[?(@.type=='Synced')].status",
  },
  {
    name: 'READY',
    type: 'string',
    jsonPath: ".status.conditions[?(@.type=='Ready')].status",
  },
  {
    name: 'COMPOSITION',
    type: 'string',
    jsonPath: '.spec.crossplane.compositionRef.name',
  },
  {
    name: 'COMPOSITIONREVISION',
    type: 'string',
    jsonPath: '.spec.crossplane.compositionRevisionRef.name',
    priority: 1,
  },
  { name: 'AGE', type: 'date', jsonPath: '.metadata.creationTimestamp' },
];

/** The composite names are label values: at most 63 characters. */
const MAX_COMPOSITE_NAME = 63;

/** The composite's `spec` schema: the XRD's, with `spec.crossplane` added. */
function specSchema(
  xSpec: OpenApiSchema,
  defaultUpdatePolicy?: string,
): OpenApiSchema {
  const spec: OpenApiSchema = {
    type: 'object',
    ...(xSpec.description ? { description: xSpec.description } : {}),
    properties: {
      ...crossplaneSpecProps(defaultUpdatePolicy),
      ...xSpec.properties,
    },
  };
  for (const key of ['required', 'x-kubernetes-validations', 'oneOf'])
    if ((xSpec[key] as unknown[] | undefined)?.length) spec[key] = xSpec[key];
  if (xSpec['x-kubernetes-preserve-unknown-fields'] !== undefined)
    spec['x-kubernetes-preserve-unknown-fields'] =
      xSpec['x-kubernetes-preserve-unknown-fields'];
  return spec;
}

/** The composite's `status` schema: the XRD's, with `status.conditions` added. */
function statusSchema(xStatus: OpenApiSchema): OpenApiSchema {
  const status: OpenApiSchema = {
    type: 'object',
    properties: { ...conditionsProp, ...xStatus.properties },
  };
  for (const key of [
    'required',
    'x-kubernetes-validations',
    'oneOf',
    'description',
  ])
    if (xStatus[key] !== undefined) status[key] = xStatus[key];
  return status;
}

/** The composite's openAPIV3Schema from the XRD version's: standard fields, spec and status. */
function compositeSchema(
  schema: OpenApiSchema,
  defaultUpdatePolicy?: string,
): OpenApiSchema {
  const nameMax = Math.min(
    MAX_COMPOSITE_NAME,
    schema.properties?.metadata?.properties?.name?.maxLength ??
      MAX_COMPOSITE_NAME,
  );
  return {
    type: 'object',
    required: ['spec'],
    ...(schema.description ? { description: schema.description } : {}),
    ...(schema['x-kubernetes-validations']
      ? { 'x-kubernetes-validations': schema['x-kubernetes-validations'] }
      : {}),
    properties: {
      apiVersion: str,
      kind: str,
      metadata: {
        type: 'object',
        properties: { name: { type: 'string', maxLength: nameMax } },
      },
      spec: specSchema(schema.properties?.spec ?? {}, defaultUpdatePolicy),
      status: statusSchema(schema.properties?.status ?? {}),
    },
  };
}

/** One version of the composite's CRD, from the XRD's version of the same name. */
function crdVersion(
  version: XrdVersion,
  defaultUpdatePolicy?: string,
): CrdVersion {
  const schema = version.schema?.openAPIV3Schema;
  if (!schema)
    throw new Error(
      `XRD version ${version.name}: schema.openAPIV3Schema is required`,
    );
  return {
    name: version.name,
    served: version.served,
    storage: version.referenceable,
    ...(version.deprecated ? { deprecated: true } : {}),
    ...(version.deprecationWarning
      ? { deprecationWarning: version.deprecationWarning }
      : {}),
    additionalPrinterColumns: [
      ...(version.additionalPrinterColumns ?? []),
      ...printerColumns,
    ],
    subresources: {
      status: {},
      ...(version.subresources?.scale
        ? { scale: version.subresources.scale }
        : {}),
    },
    schema: { openAPIV3Schema: compositeSchema(schema, defaultUpdatePolicy) },
  };
}

/**
 * Derives the composite resource's CRD from an `apiextensions.crossplane.io/v2` XRD of scope
 * `Namespaced` or `Cluster` (the v1-style `LegacyCluster` scope, with claims, is not used here).
 */
export function compositeResourceCrd(
  xrd: CompositeResourceDefinition,
): CustomResourceDefinition {
  const scope = xrd.spec?.scope ?? 'LegacyCluster';
  if (scope !== 'Namespaced' && scope !== 'Cluster')
    throw new Error(
      `XRD ${xrd.metadata?.name}: scope ${scope} is not supported; use Namespaced (Crossplane v2)`,
    );
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: xrd.metadata.name,
      ...(xrd.metadata.labels || xrd.spec.metadata?.labels
        ? { labels: { ...xrd.metadata.labels, ...xrd.spec.metadata?.labels } }
        : {}),
      ...(xrd.spec.metadata?.annotations
        ? { annotations: xrd.spec.metadata.annotations }
        : {}),
    },
    spec: {
      group: xrd.spec.group,
      names: {
        ...xrd.spec.names,
        categories: [...(xrd.spec.names.categories ?? []), 'composite'],
      },
      scope: scope === 'Namespaced' ? 'Namespaced' : 'Cluster',
      ...(xrd.spec.conversion ? { conversion: xrd.spec.conversion } : {}),
      versions: xrd.spec.versions.map(v =>
        crdVersion(v, xrd.spec.defaultCompositionUpdatePolicy),
      ),
    },
  };
}
