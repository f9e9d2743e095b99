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
  techdocsEntity: string;
  owner: string;
  lifecycle: string;
  lensesBaseUrl?: string;
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
