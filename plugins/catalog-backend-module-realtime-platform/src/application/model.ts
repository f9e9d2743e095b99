/**
 * A `realtime-platform` component of an OAM Application.
 *
 * @public
 */
export interface PlatformComponent {
  /** The component name (`spec.components[].name`). */
  name: string;
  /** Declared topic names, in declaration order. */
  topics: string[];
  /** Whether `lenses` is set (Lenses HQ and Agent are deployed). */
  lenses: boolean;
}

/**
 * A `realtime-webservice` component of an OAM Application.
 *
 * @public
 */
export interface ServiceComponent {
  /** The component name (`spec.components[].name`). */
  name: string;
  /** The platform component named by `realtime`, when set. */
  realtime?: string;
  /** Topics the service produces to (`produces`). */
  produces: string[];
  /** Topics the service consumes from (`consumes`). */
  consumes: string[];
}

/**
 * The parts of an OAM Application the module turns into entities, after
 * every check passed.
 *
 * @public
 */
export interface RealtimeApplication {
  /** The file (path or URL) the application was read from. */
  file: string;
  /** The application name (`metadata.name`). */
  name: string;
  /** Kubernetes namespace of the application (`default` when unset). */
  namespace: string;
  /** The application's string annotations (`metadata.annotations`). */
  annotations: Record<string, string>;
  /** Its `realtime-platform` components, in declaration order. */
  platforms: PlatformComponent[];
  /** Its `realtime-webservice` components, in declaration order. */
  services: ServiceComponent[];
}
