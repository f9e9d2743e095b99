/**
 * Scaffolder module: `realtime:validate` checks a generated OAM application with the realtime
 * platform's own definitions.
 *
 * @packageDocumentation
 */

export { scaffolderModuleRealtimePlatform as default } from './module';
export {
  createRealtimeValidateAction,
  REALTIME_VALIDATE_ACTION_ID,
} from './actions/validate';
export {
  asKitConfigError,
  createKitFromConfig,
  KIT_CONFIG_KEY,
  KIT_PATHS_IN_IMAGE,
  kitConfigError,
  readRealtimeKitOptions,
} from './kitConfig';
