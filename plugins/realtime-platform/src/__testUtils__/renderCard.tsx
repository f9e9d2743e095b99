import { Entity } from '@backstage/catalog-model';
import { configApiRef } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  KubernetesApi,
  kubernetesApiRef,
} from '@backstage/plugin-kubernetes-react';
import { ReactElement } from 'react';
import { RealtimePlatformCard } from '../components/RealtimePlatformCard';

/**
 * A catalog mock whose every method is a jest mock (so tests can count
 * calls), answering `getEntitiesByRefs` from `entities`.
 */
export function countingCatalog(entities: Entity[]) {
  const store = catalogApiMock({ entities });
  return catalogApiMock.mock({
    getEntitiesByRefs: req => store.getEntitiesByRefs(req),
  });
}

/** Total calls across every catalog API method. */
export function totalCatalogCalls(api: ReturnType<typeof countingCatalog>) {
  return Object.values(api)
    .filter((fn): fn is jest.Mock => jest.isMockFunction(fn))
    .reduce((sum, fn) => sum + fn.mock.calls.length, 0);
}

/** Renders `element` (the card by default) for `entity` in a legacy test app. */
export function renderCard(
  entity: Entity,
  options: {
    catalogApi: ReturnType<typeof catalogApiMock.mock>;
    config?: Record<string, any>;
    element?: ReactElement;
    /** The Kubernetes plugin's API; without it the app has none (live state off). */
    kubernetesApi?: Partial<KubernetesApi>;
  },
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, options.catalogApi],
        [configApiRef, mockApis.config({ data: options.config ?? {} })],
        ...(options.kubernetesApi
          ? [[kubernetesApiRef, options.kubernetesApi] as const]
          : []),
      ]}
    >
      <EntityProvider entity={entity}>
        {options.element ?? <RealtimePlatformCard />}
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}
