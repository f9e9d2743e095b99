import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { readRealtimeCatalogOptions } from './options';
import { RealtimeOamProcessor } from './processor/RealtimeOamProcessor';

/**
 * Catalog module that reads `realtime-oam` locations (KubeVela OAM
 * Applications) into Systems, Components and Resources.
 *
 * @public
 */
export const catalogModuleRealtimePlatform = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'realtime-platform',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        reader: coreServices.urlReader,
      },
      async init({ catalog, config, reader }) {
        catalog.addProcessor(
          new RealtimeOamProcessor({
            reader,
            options: readRealtimeCatalogOptions(config),
          }),
        );
      },
    });
  },
});
