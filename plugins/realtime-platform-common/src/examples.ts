import { platformNames } from '@internal/realtime-platform-contract';

const APP_NAMESPACE = 'orders';
const PLATFORM = 'orders-platform';
const names = platformNames(PLATFORM, APP_NAMESPACE);

/** Names of one example platform, for the examples in fix messages; derived, never typed. */
export const EXAMPLE_NAMES = {
  ...names,
  /** `<app-namespace>/<platform>-conn`, the form of the connection-secret annotation. */
  connectionSecretRef: `${APP_NAMESPACE}/${names.connectionSecret}`,
};
