import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import {
  PLATFORM_COMPONENT_TYPE,
  SERVICE_COMPONENT_TYPE,
} from '@internal/realtime-platform-contract';
import { ParameterNode, parameterTree } from '@internal/realtime-platform-kit';
import { isCueInt, re2ToJs } from './cueText';
import { JsonSchema } from './inputSchema';
import platformSchema from './schemas/realtime-platform.json';
import webserviceSchema from './schemas/realtime-webservice.json';

/** The committed JSON Schema of each component type's properties (generated from the CUE). */
export const PARAMETER_SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  [PLATFORM_COMPONENT_TYPE]: platformSchema,
  [SERVICE_COMPONENT_TYPE]: webserviceSchema,
};

/** A compiled schema: the validator and the parameter tree the fix texts come from. */
export interface CompiledSchema {
  /** Validates a copy of the properties and fills in the definition's defaults. */
  validate: ValidateFunction;
  tree: ParameterNode;
  schema: JsonSchema;
}

/** Marks integer fields for the `cueInteger` keyword (see {@link isCueInt}). */
function withCueIntegers(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withCueIntegers);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(schema)) {
    out[k] = k === 'default' || k === 'enum' ? v : withCueIntegers(v);
  }
  if (out.type === 'integer') out.cueInteger = true;
  return out;
}

const regExp = Object.assign(
  (pattern: string, flags: string) => new RegExp(re2ToJs(pattern), flags),
  { code: 'cue (RE2) regular expressions' },
);

let compiled: Map<string, CompiledSchema> | undefined;

/** The compiled schemas by component type (compiled once per process). */
export function compiledSchemas(): Map<string, CompiledSchema> {
  if (compiled) return compiled;
  const ajv = new Ajv({
    allErrors: true,
    useDefaults: true,
    strict: false,
    code: { regExp },
  });
  ajv.addKeyword({
    keyword: 'cueInteger',
    type: 'number',
    schemaType: 'boolean',
    validate: (on: boolean, data: number) => !on || isCueInt(data),
  });
  compiled = new Map(
    Object.entries(PARAMETER_SCHEMAS).map(([type, schema]) => [
      type,
      {
        validate: ajv.compile(withCueIntegers(schema) as JsonSchema),
        tree: parameterTree(schema),
        schema,
      },
    ]),
  );
  return compiled;
}

/** Ajv's error list of the last validation, never null. */
export function errorsOf(validate: ValidateFunction): ErrorObject[] {
  return validate.errors ?? [];
}
