/**
 * Location type the module reads: `type: realtime-oam` with a file path
 * (relative to the backend's working directory) or an http(s) URL.
 *
 * @public
 */
export const REALTIME_OAM_LOCATION_TYPE = 'realtime-oam';

/**
 * On an OAM Application: `spec.owner` of the entities generated from it.
 *
 * @public
 */
export const APPLICATION_ANNOTATION_OWNER =
  'catalog.realtime-platform.io/owner';

/**
 * On an OAM Application: `spec.lifecycle` of the Components generated from it.
 *
 * @public
 */
export const APPLICATION_ANNOTATION_LIFECYCLE =
  'catalog.realtime-platform.io/lifecycle';

/**
 * On an OAM Application: Lenses HQ URL template for its platforms
 * (`{name}`, `{namespace}`, `{application}` placeholders).
 *
 * @public
 */
export const APPLICATION_ANNOTATION_LENSES_BASE_URL =
  'catalog.realtime-platform.io/lenses-base-url';

/**
 * On an OAM Application: Metabase URL template for its platforms.
 *
 * @public
 */
export const APPLICATION_ANNOTATION_METABASE_BASE_URL =
  'catalog.realtime-platform.io/metabase-base-url';

/**
 * Default `backstage.io/techdocs-entity` of generated entities.
 *
 * @public
 */
export const DEFAULT_TECHDOCS_ENTITY =
  'component:default/realtime-platform-docs';
