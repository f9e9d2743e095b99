export interface Config {
  realtimePlatform?: {
    /**
     * Settings of the catalog module that turns OAM Applications registered
     * as `realtime-oam` locations into catalog entities.
     */
    catalog?: {
      /**
       * Backstage namespace of every generated entity. When unset, each
       * application's Kubernetes namespace (`metadata.namespace`, else
       * `default`) is used, so equal component names in two namespaces never
       * collide.
       */
      namespace?: string;
      /**
       * Entity ref put in `backstage.io/techdocs-entity` on every generated
       * entity. Default: `component:default/realtime-platform-docs`.
       */
      techdocsEntity?: string;
      /**
       * Values used when an application carries no
       * `catalog.realtime-platform.io/*` annotation of its own.
       */
      defaults?: {
        /** `spec.owner` of generated entities. Default: `unknown`. */
        owner?: string;
        /** `spec.lifecycle` of generated Components. Default: `production`. */
        lifecycle?: string;
        /**
         * Lenses HQ URL template; `{name}` is the platform component name,
         * `{namespace}` the platform namespace, `{application}` the
         * application name. No link when unset.
         */
        lensesBaseUrl?: string;
        /** Metabase URL template, same placeholders. No link when unset. */
        metabaseBaseUrl?: string;
      };
    };
  };
}
