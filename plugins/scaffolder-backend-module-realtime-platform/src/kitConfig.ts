import { RootConfigService } from '@backstage/backend-plugin-api';
import {
  createKit,
  KitOptions,
  KitPathError,
  KitPathOption,
  RealtimeKit,
} from '@internal/realtime-platform-kit';

/**
 * The app-config section the module reads the kit's paths from.
 *
 * @public
 */
export const KIT_CONFIG_KEY = 'realtimePlatform.kit';

const OPTIONS: KitPathOption[] = [
  'platformDir',
  'cueBinary',
  'compositionRenderBinary',
];

/**
 * Where each path is in the image packages/backend/Dockerfile builds (app-config.production.yaml
 * sets these values; packages/backend/src/dockerfile.test.ts checks that the three agree).
 *
 * @public
 */
export const KIT_PATHS_IN_IMAGE: Readonly<Record<KitPathOption, string>> = {
  platformDir: '/app/platform',
  cueBinary: '/app/.tools/bin/cue',
  compositionRenderBinary: '/app/.tools/bin/composition-render',
};

/**
 * Reads the kit's paths from `realtimePlatform.kit` (`platformDir`, `cueBinary`,
 * `compositionRenderBinary`); unset keys are left out, so the kit falls back to its env vars
 * and to discovery from its own sources.
 *
 * @public
 */
export function readRealtimeKitOptions(config: RootConfigService): KitOptions {
  const c = config.getOptionalConfig(KIT_CONFIG_KEY);
  const options: KitOptions = {};
  for (const key of OPTIONS) {
    const value = c?.getOptionalString(key);
    if (value) options[key] = value;
  }
  return options;
}

/**
 * The error to report for a path the kit cannot use: it names the app-config key, the value
 * and the fix.
 *
 * @public
 */
export function kitConfigError(e: KitPathError): Error {
  const key = `${KIT_CONFIG_KEY}.${e.option}`;
  const target = `${
    e.expected
  }; in the image packages/backend/Dockerfile builds that is ${
    KIT_PATHS_IN_IMAGE[e.option]
  }`;
  const message =
    e.configured === undefined
      ? `${key} is not set and the default failed: ${e.problem}. Fix: set ${key} to ${target}`
      : `${key} is "${e.configured}", which ${e.problem}. Fix: set ${key} to ${target}; or remove ${key} to use the default`;
  const error = new Error(message);
  error.name = 'RealtimeKitConfigError';
  return error;
}

/**
 * `e` as {@link kitConfigError} when it is the kit's `KitPathError`, else `e` itself.
 *
 * @public
 */
export function asKitConfigError(e: unknown): unknown {
  return e instanceof KitPathError ? kitConfigError(e) : e;
}

/**
 * The kit `realtimePlatform.kit` configures, created now so a wrong path fails at start-up with
 * {@link kitConfigError}; undefined when no key is set (the action then uses the shared default
 * kit, created on first use).
 *
 * @public
 */
export function createKitFromConfig(
  config: RootConfigService,
): RealtimeKit | undefined {
  const options = readRealtimeKitOptions(config);
  if (!Object.keys(options).length) return undefined;
  try {
    return createKit(options);
  } catch (e) {
    throw asKitConfigError(e);
  }
}
