/**
 * Checks of the realtime-app scaffolder template.
 *
 * @packageDocumentation
 */
export {
  expectedRules,
  loadTemplate,
  templateConstraints,
  templatePath,
  writeRules,
  NAME_RULES,
  PLATFORM_COMPONENT,
} from './rules';
export type { GeneratedField } from './rules';
