export interface Config {
  /** Configuration for the realtime-platform entity card. */
  realtimePlatform?: {
    /**
     * Lenses HQ URL used when a platform entity declares none. `{name}` and
     * `{namespace}` are replaced by the platform name and namespace.
     * @visibility frontend
     */
    lensesBaseUrl?: string;
    /**
     * Metabase URL used when a platform entity declares none. `{name}` and
     * `{namespace}` are replaced by the platform name and namespace.
     * @visibility frontend
     */
    metabaseBaseUrl?: string;
  };
}
