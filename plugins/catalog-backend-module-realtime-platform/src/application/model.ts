/** A `realtime-platform` component of an OAM Application. */
export interface PlatformComponent {
  name: string;
  /** Declared topic names, in declaration order. */
  topics: string[];
  /** Whether `lenses` is set (Lenses HQ and Agent are deployed). */
  lenses: boolean;
}

/** A `realtime-webservice` component of an OAM Application. */
export interface ServiceComponent {
  name: string;
  /** The platform component named by `realtime`, when set. */
  realtime?: string;
  produces: string[];
  consumes: string[];
}

/**
 * The parts of an OAM Application the module turns into entities, after
 * every check passed.
 *
 * @public
 */
export interface RealtimeApplication {
  file: string;
  name: string;
  /** Kubernetes namespace of the application (`default` when unset). */
  namespace: string;
  annotations: Record<string, string>;
  platforms: PlatformComponent[];
  services: ServiceComponent[];
}
