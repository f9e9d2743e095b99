import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isRealtimePlatformAvailable } from './isRealtimePlatformAvailable';

/**
 * The realtime-platform entity card for the new frontend system: the plugin (the default
 * export) and its entity card extension.
 *
 * @packageDocumentation
 */

/**
 * The realtime-platform card on the overview of platform and consumer
 * entities.
 *
 * @alpha
 */
export const entityRealtimePlatformCard = EntityCardBlueprint.make({
  name: 'realtime-platform',
  params: {
    filter: isRealtimePlatformAvailable,
    loader: () =>
      import('./components/RealtimePlatformCard').then(m => (
        <m.RealtimePlatformCard />
      )),
  },
});

/**
 * The realtime-platform plugin for the new frontend system. The default
 * export, so the app's feature discovery picks it up.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'realtime-platform',
  info: { packageJson: () => import('../package.json') },
  extensions: [entityRealtimePlatformCard],
});
