import { Config } from '@backstage/config';
import { DEFAULT_TECHDOCS_ENTITY } from './constants';

/**
 * Defaults and naming of the generated entities, from
 * `realtimePlatform.catalog` in app-config.
 *
 * @public
 */
export interface RealtimeCatalogOptions {
  /** Fixed Backstage namespace; the application's namespace when unset. */
  namespace?: string;
  /** Entity ref put in `backstage.io/techdocs-entity` on every generated entity. */
  techdocsEntity: string;
  /** `spec.owner` of generated entities, unless the application names its own. */
  owner: string;
  /** `spec.lifecycle` of generated Components, unless the application names its own. */
  lifecycle: string;
  /**
   * Lenses HQ URL template: `{name}` is the platform component name, `{namespace}` the platform
   * namespace, `{application}` the application name. An application's own annotation wins; no
   * link when neither is set.
   */
  lensesBaseUrl?: string;
  /** Metabase URL template, the same placeholders and precedence. */
  metabaseBaseUrl?: string;
}

/**
 * Reads {@link RealtimeCatalogOptions} from the root config.
 *
 * @public
 */
export function readRealtimeCatalogOptions(
  config: Config,
): RealtimeCatalogOptions {
  const c = config.getOptionalConfig('realtimePlatform.catalog');
  return {
    namespace: c?.getOptionalString('namespace'),
    techdocsEntity:
      c?.getOptionalString('techdocsEntity') ?? DEFAULT_TECHDOCS_ENTITY,
    owner: c?.getOptionalString('defaults.owner') ?? 'unknown',
    lifecycle: c?.getOptionalString('defaults.lifecycle') ?? 'production',
    lensesBaseUrl: c?.getOptionalString('defaults.lensesBaseUrl'),
    metabaseBaseUrl: c?.getOptionalString('defaults.metabaseBaseUrl'),
  };
}
