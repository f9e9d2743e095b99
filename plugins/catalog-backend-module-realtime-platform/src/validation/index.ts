export { validateApplicationText } from './validateApplication';
export type { ApplicationValidation } from './validateApplication';
export { PARAMETER_SCHEMAS } from './parameterSchemas';
