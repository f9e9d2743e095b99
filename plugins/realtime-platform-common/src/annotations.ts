/**
 * The annotation domain shared by every key below.
 *
 * @public
 */
export const REALTIME_PLATFORM_DOMAIN = 'realtime-platform.io';

/**
 * On a platform Component: the OAM component name of the platform instance
 * (a DNS-1123 label, e.g. `orders-platform`). Required; the card shows the
 * missing-annotation state without it.
 *
 * @public
 */
export const ANNOTATION_PLATFORM_NAME = 'realtime-platform.io/platform-name';

/**
 * On a platform Component: the Kubernetes namespace the platform runs in
 * (`<app-namespace>--<platform-name>-realtime`).
 *
 * @public
 */
export const ANNOTATION_NAMESPACE = 'realtime-platform.io/namespace';

/**
 * On a platform or consumer Component: `<namespace>/<secret-name>` of the
 * aggregate connection secret. Never the secret's data.
 *
 * @public
 */
export const ANNOTATION_CONNECTION_SECRET =
  'realtime-platform.io/connection-secret';

/**
 * On a platform Component: comma-separated key names of the connection secret
 * (UPPER_SNAKE environment variable names). Never values.
 *
 * @public
 */
export const ANNOTATION_CONNECTION_SECRET_KEYS =
  'realtime-platform.io/connection-secret-keys';

/**
 * On a platform Component: the Lenses HQ URL (http or https). A
 * `metadata.links` entry of type {@link LINK_TYPE_LENSES_HQ} takes precedence.
 *
 * @public
 */
export const ANNOTATION_LENSES_HQ_URL = 'realtime-platform.io/lenses-hq-url';

/**
 * On a platform Component: the Metabase URL (http or https). A
 * `metadata.links` entry of type {@link LINK_TYPE_METABASE} takes precedence.
 *
 * @public
 */
export const ANNOTATION_METABASE_URL = 'realtime-platform.io/metabase-url';

/**
 * On a part Resource: the in-cluster host of the part's Service.
 *
 * @public
 */
export const ANNOTATION_HOST = 'realtime-platform.io/host';

/**
 * On a part Resource: the in-cluster port of the part's Service (1-65535).
 *
 * @public
 */
export const ANNOTATION_PORT = 'realtime-platform.io/port';

/**
 * On a consumer Component: the entity ref of the platform it uses
 * (`component:default/orders-platform`; kind and namespace default to
 * `component` and `default`).
 *
 * @public
 */
export const ANNOTATION_PLATFORM_REF = 'realtime-platform.io/platform-ref';

/**
 * On a consumer Component: comma-separated Kafka topics it produces to.
 *
 * @public
 */
export const ANNOTATION_PRODUCES_TOPICS =
  'realtime-platform.io/produces-topics';

/**
 * On a consumer Component: comma-separated Kafka topics it consumes from.
 *
 * @public
 */
export const ANNOTATION_CONSUMES_TOPICS =
  'realtime-platform.io/consumes-topics';

/**
 * Every annotation of the format. Any other `realtime-platform.io/` key is
 * reported, because a value-bearing annotation is the usual way secrets leak
 * into a catalog.
 *
 * @public
 */
export const KNOWN_ANNOTATIONS: readonly string[] = [
  ANNOTATION_PLATFORM_NAME,
  ANNOTATION_NAMESPACE,
  ANNOTATION_CONNECTION_SECRET,
  ANNOTATION_CONNECTION_SECRET_KEYS,
  ANNOTATION_LENSES_HQ_URL,
  ANNOTATION_METABASE_URL,
  ANNOTATION_HOST,
  ANNOTATION_PORT,
  ANNOTATION_PLATFORM_REF,
  ANNOTATION_PRODUCES_TOPICS,
  ANNOTATION_CONSUMES_TOPICS,
];

/**
 * `metadata.links[].type` of the Lenses HQ link.
 *
 * @public
 */
export const LINK_TYPE_LENSES_HQ = 'lenses-hq';

/**
 * `metadata.links[].type` of the Metabase link.
 *
 * @public
 */
export const LINK_TYPE_METABASE = 'metabase';
