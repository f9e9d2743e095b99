import {
  CheckViolation,
  PLATFORM_COMPONENT_TYPE,
  PlatformCheckParameter,
  platformNameIssues,
  platformParameterViolations,
  SERVICE_COMPONENT_TYPE,
  ServiceCheckParameter,
  serviceNameViolations,
  serviceParameterViolations,
} from '@internal/realtime-platform-contract';
import { checkViolation } from '@internal/realtime-platform-kit';
import { ComponentIssue } from './parameterIssues';

/*
 * The definitions' `_checks`: rules across fields that a JSON Schema cannot state. The rules,
 * with the definitions' own keys and messages, are the contract's; here they are applied to a
 * component and turned into issues by the kit's own parser of those messages. The agreement
 * test compares every rule with what cue reports.
 */

const toIssues = (name: string, violations: CheckViolation[]) =>
  violations.map(([check, message]) => checkViolation(name, check, message));

/**
 * The `_checks` rules on a component's name and application namespace, in the definition's
 * order (cue reports them whatever else is wrong with the component, but only the first one
 * when a parameter is wrong).
 */
export function nameChecks(
  type: string,
  name: string,
  namespace: string,
): ComponentIssue[] {
  if (type === PLATFORM_COMPONENT_TYPE) {
    return platformNameIssues(name, namespace);
  }
  if (type === SERVICE_COMPONENT_TYPE) {
    return toIssues(name, serviceNameViolations(name));
  }
  return [];
}

/**
 * The `_checks` rules across a component's parameters, on the parameter with its defaults
 * filled in. Only meaningful when every parameter has the right type (cue reports none of
 * them otherwise), which is also what makes the casts below hold.
 */
export function parameterChecks(
  type: string,
  name: string,
  parameter: Record<string, unknown>,
): ComponentIssue[] {
  if (type === PLATFORM_COMPONENT_TYPE) {
    return toIssues(
      name,
      platformParameterViolations(
        parameter as unknown as PlatformCheckParameter,
      ),
    );
  }
  if (type === SERVICE_COMPONENT_TYPE) {
    return toIssues(
      name,
      serviceParameterViolations(parameter as unknown as ServiceCheckParameter),
    );
  }
  return [];
}
