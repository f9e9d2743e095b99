import {
  OamApplication,
  parseApplication,
  ValidationIssue,
} from '@internal/realtime-platform-kit';
import { nameChecks, parameterChecks } from './definitionChecks';
import { checkParameters, ComponentIssue } from './parameterIssues';
import { compiledSchemas } from './parameterSchemas';

/** Outcome of {@link validateApplicationText}. */
export interface ApplicationValidation {
  /** The parsed application; present even when a component has issues. */
  app?: OamApplication;
  /** Every problem, in the words `realtime-kit validate` uses; empty when valid. */
  issues: ValidationIssue[];
}

/**
 * Validates an OAM Application text as the platform's definitions do, without cue: the
 * properties of each component against its definition's committed JSON Schema, then the
 * definition's `_checks`. Reports what `realtime-kit validate` reports for the same text, in its
 * words, with cue's precedence: a component with a wrong or unknown value gets no `_checks`
 * issue but the first on its name, and missing required fields are reported only when nothing
 * else in the application is wrong.
 */
export function validateApplicationText(
  text: string,
  file: string,
): ApplicationValidation {
  const schemas = compiledSchemas();
  const parsed = parseApplication(text, file, [...schemas.keys()]);
  if (!parsed.app) return { issues: parsed.issues };
  const { app } = parsed;
  const found: ComponentIssue[] = [];
  const missing: ComponentIssue[] = [];
  for (const c of app.components) {
    const check = checkParameters(c.properties, schemas.get(c.type)!);
    const own = (i: Omit<ComponentIssue, 'component'>) => ({
      component: c.name,
      ...i,
    });
    const names = nameChecks(c.type, c.name, app.namespace);
    if (check.value.length || check.closed.length) {
      found.push(...names.slice(0, 1), ...check.value.map(own));
      found.push(...check.closed.map(own));
    } else {
      found.push(...names);
      found.push(...parameterChecks(c.type, c.name, check.parameter));
    }
    missing.push(...check.missing.map(own));
  }
  const issues = found.length ? found : missing;
  return { app, issues: issues.map(i => ({ file, ...i })) };
}
