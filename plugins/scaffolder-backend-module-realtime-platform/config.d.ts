export interface Config {
  realtimePlatform?: {
    /**
     * Where the realtime-platform kit behind the `realtime:validate` scaffolder action finds the
     * platform files and its tools. Each key left unset keeps the kit's default, which works in
     * a checkout of this repository: the `platform/` above the kit's sources, and for the tools
     * `$CUE_BIN` / `$COMPOSITION_RENDER_BIN`, else `<repository>/.tools/bin`, else PATH. A
     * production image has no repository around the backend and sets all three (see
     * app-config.production.yaml and packages/backend/Dockerfile). Relative paths resolve
     * against the backend's working directory. A configured path that does not exist fails the
     * backend's start-up with a message naming the key.
     */
    kit?: {
      /**
       * Directory holding `realtime-component-definitions.yaml` and
       * `realtime-compositions.yaml` (a copy of the repository's `platform/`).
       * In the image: `/app/platform`.
       * @visibility backend
       */
      platformDir?: string;
      /**
       * The cue binary, the version `scripts/lib.sh` pins (CUE_VERSION).
       * In the image: `/app/.tools/bin/cue`.
       * @visibility backend
       */
      cueBinary?: string;
      /**
       * The composition renderer built from `tools/composition-render`.
       * In the image: `/app/.tools/bin/composition-render`.
       * @visibility backend
       */
      compositionRenderBinary?: string;
    };
  };
}
