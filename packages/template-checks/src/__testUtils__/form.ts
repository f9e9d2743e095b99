import { validate as jsonschemaValidate } from 'jsonschema';
import { customizeValidator } from '@rjsf/validator-ajv8';
import ajvErrors from 'ajv-errors';

/** Removes `ui:*` keys, as the scaffolder frontend does before validating a step. */
export function stripUi(schema: any): any {
  if (Array.isArray(schema)) return schema.map(stripUi);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: any = {};
  for (const [k, v] of Object.entries(schema))
    if (!k.startsWith('ui:')) out[k] = stripUi(v);
  return out;
}

/** The template's parameter pages (each one JSON schema). */
export function pages(template: any): any[] {
  return [template.spec.parameters ?? []].flat();
}

/**
 * Errors the backend reports for `values`: the scaffolder validates every page with the
 * `jsonschema` package before it runs a task or a dry run (`validateParameterSteps`).
 */
export function backendErrors(template: any, values: any): string[] {
  return pages(template).flatMap(schema =>
    jsonschemaValidate(values, schema).errors.map(e => e.stack),
  );
}

const formValidator = customizeValidator();
ajvErrors(formValidator.ajv as any);

/**
 * Errors the Create page's form reports: `@rjsf/validator-ajv8` with ajv-errors, each page
 * without its `ui:` keys, as the scaffolder frontend's Stepper does.
 */
export function formErrors(template: any, values: any): string[] {
  return pages(template).flatMap(schema =>
    formValidator
      .validateFormData(values, stripUi(schema))
      .errors.map(e => `${e.property ?? ''} ${e.message ?? ''}`.trim()),
  );
}
