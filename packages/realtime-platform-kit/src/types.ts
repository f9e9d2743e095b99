/**
 * The JSON and Kubernetes shapes the kit's API is typed with. Parsed documents are
 * {@link JsonValue}s; Kubernetes objects are {@link KubeObject}s, whose fields beyond
 * `apiVersion`, `kind` and `metadata` are `unknown` until a reader narrows them.
 */

/** A JSON scalar. */
export type JsonPrimitive = string | number | boolean | null;

/** Any value a JSON document (or a YAML document of plain data) holds. */
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;

/** A JSON object, e.g. a component's parameters after CUE filled in the defaults. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** `metadata` of a Kubernetes object: the fields the kit reads typed, the rest `unknown`. */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** Set by the API server. */
  resourceVersion?: string;
  /** Set by the API server; incremented on every change of `spec`. */
  generation?: number;
  [key: string]: unknown;
}

/** A Kubernetes object: `apiVersion`, `kind` and `metadata` typed, every other field `unknown`. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/**
 * An OpenAPI v3 (structural JSON Schema) schema as `cue def --out openapi` and XRDs write it:
 * the keywords the kit reads typed, every other keyword (`x-kubernetes-*`, `format`, ...) `unknown`.
 */
export interface OpenApiSchema {
  type?: string;
  description?: string;
  default?: JsonValue;
  enum?: JsonValue[];
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  items?: OpenApiSchema;
  additionalProperties?: boolean | OpenApiSchema;
  allOf?: OpenApiSchema[];
  anyOf?: OpenApiSchema[];
  oneOf?: OpenApiSchema[];
  not?: OpenApiSchema;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  [keyword: string]: unknown;
}

/** True for a non-null object that is not an array (a JSON object or a Kubernetes object). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
