import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createRealtimeValidateAction } from './actions/validate';

/**
 * Scaffolder module adding `realtime:validate`.
 *
 * @public
 */
export const scaffolderModuleRealtimePlatform = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'realtime-platform',
  register(env) {
    env.registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      async init({ scaffolder }) {
        scaffolder.addActions(createRealtimeValidateAction());
      },
    });
  },
});
