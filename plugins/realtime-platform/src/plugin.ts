import {
  createComponentExtension,
  createPlugin,
} from '@backstage/core-plugin-api';
import type { JSX } from 'react';
import type { RealtimePlatformCardProps } from './components/RealtimePlatformCard';

/**
 * The realtime-platform plugin for legacy (`@backstage/core-plugin-api`) apps.
 *
 * @public
 */
export const realtimePlatformPlugin = createPlugin({
  id: 'realtime-platform',
});

/**
 * The realtime-platform entity card for legacy apps. Place it on entity pages
 * behind `EntitySwitch.Case if={isRealtimePlatformAvailable}`.
 *
 * @public
 */
export const EntityRealtimePlatformCard: (
  props: RealtimePlatformCardProps,
) => JSX.Element = realtimePlatformPlugin.provide(
  createComponentExtension({
    name: 'EntityRealtimePlatformCard',
    component: {
      lazy: () =>
        import('./components/RealtimePlatformCard').then(
          m => m.RealtimePlatformCard,
        ),
    },
  }),
);
