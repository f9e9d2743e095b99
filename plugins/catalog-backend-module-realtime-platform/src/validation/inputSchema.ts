/** A JSON Schema (draft-07) object, as cue's OpenAPI output and the committed files hold it. */
export type JsonSchema = { [keyword: string]: unknown };

const USAGE = /^\+usage=/;

function isObject(v: unknown): v is JsonSchema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * What CUE fills in for a field the user leaves out, in its own words: the field's default;
 * `[]` for an open list; `{}` for a struct (whose own fields then get their defaults or are
 * reported missing); the value of a field that is one concrete value (`acceptEULA: true`).
 * Undefined when the user must set the field.
 */
function impliedDefault(schema: JsonSchema): unknown {
  if (schema.default !== undefined) return schema.default;
  if (schema.type === 'array') return [];
  if (schema.type === 'object' || schema.properties) return {};
  if (Array.isArray(schema.enum) && schema.enum.length === 1) {
    return schema.enum[0];
  }
  return undefined;
}

function convert(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'description' && typeof value === 'string') {
      out.description = value.replace(USAGE, '').trim();
    } else if (key === 'properties' && isObject(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, convert(v as JsonSchema)]),
      );
    } else if (key === 'items' && isObject(value)) {
      out.items = convert(value);
    } else if (key === 'allOf' && Array.isArray(value)) {
      out.allOf = value.map(v => convert(v as JsonSchema));
    } else if (key !== 'required') {
      out[key] = value;
    }
  }
  if (isObject(out.properties)) {
    const props = out.properties as Record<string, JsonSchema>;
    const required: string[] = [];
    for (const name of (schema.required as string[] | undefined) ?? []) {
      const child = props[name];
      const implied = impliedDefault(child);
      if (implied === undefined) required.push(name);
      else if (child.default === undefined) child.default = implied;
    }
    if (required.length) out.required = required;
    // CUE definitions are closed: a key the definition does not declare is an error.
    out.additionalProperties = false;
  }
  return out;
}

/**
 * The JSON Schema of the properties a user writes for a component of `type`, from the OpenAPI
 * schema `cue def --out openapi` gives for the definition's `#Parameter` (`kit.schema(type)`).
 * cue's schema describes the parameter after CUE filled in the defaults; this one describes the
 * input: a field is required only when CUE has nothing to fill in, each field CUE fills in
 * carries that value as `default` (so a validator with `useDefaults` yields the parameter CUE
 * renders), objects are closed and descriptions lose their `+usage=` prefix.
 */
export function inputSchema(type: string, openapi: JsonSchema): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://realtime-platform.example.org/schemas/${type}.json`,
    title: `Properties of a ${type} component`,
    ...convert(openapi),
  };
}
