import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createRealtimeValidateAction } from './actions/validate';
import { createKitFromConfig } from './kitConfig';

/**
 * Scaffolder module adding `realtime:validate`. The kit's platform directory and tools come from
 * `realtimePlatform.kit` in app-config (see config.d.ts); a configured path that does not work
 * fails the start-up with a message naming the key.
 *
 * @public
 */
export const scaffolderModuleRealtimePlatform = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'realtime-platform',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, config }) {
        scaffolder.addActions(
          createRealtimeValidateAction({ kit: createKitFromConfig(config) }),
        );
      },
    });
  },
});
