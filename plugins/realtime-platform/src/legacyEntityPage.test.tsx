/**
 * The legacy frontend system's placement (README, "Legacy frontend system"): the README's
 * EntityPage overview, rendered with the real stock cards, puts the realtime card first after
 * About on a platform and leaves out the relation cards that have nothing to show there; other
 * components get the stock cards and no realtime card.
 */
// Test-only: reads the README the layout must match, which a browser package never does.
// eslint-disable-next-line no-restricted-imports
import fs from 'fs';
// eslint-disable-next-line no-restricted-imports
import path from 'path';
import { screen } from '@testing-library/react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  ScmIntegrationsApi,
  scmIntegrationsApiRef,
} from '@backstage/integration-react';
import { ConfigReader } from '@backstage/core-app-api';
import { discoveryApiRef } from '@backstage/core-plugin-api';
import { mockApis, TestApiProvider } from '@backstage/test-utils';
import {
  DefaultEntityPresentationApi,
  EntityAboutCard,
  EntityDependsOnComponentsCard,
} from '@backstage/plugin-catalog';
import { entityPresentationApiRef } from '@backstage/plugin-catalog-react';
import { byName, loadExampleEntities } from './__testUtils__/entities';
import { countingCatalog, renderCard } from './__testUtils__/renderCard';
import { overviewContent } from './__testUtils__/legacyOverview';

const entities = loadExampleEntities();

function render(name: string, layout = overviewContent) {
  return renderCard(byName(entities, name), {
    catalogApi: countingCatalog(entities),
    element: (
      <TestApiProvider
        apis={[
          [permissionApiRef, mockApis.permission()],
          [discoveryApiRef, mockApis.discovery()],
          [
            entityPresentationApiRef,
            DefaultEntityPresentationApi.createLocal(),
          ],
          [
            scmIntegrationsApiRef,
            ScmIntegrationsApi.fromConfig(new ConfigReader({})),
          ],
        ]}
      >
        {layout}
      </TestApiProvider>
    ),
  });
}

/** The headings that start each card, in page order (the realtime card's first is Live state). */
const titles = () =>
  screen
    .getAllByRole('heading')
    .map(h => h.textContent ?? '')
    .filter(t =>
      /^(About|Live state|Depends on components|Has subcomponents)/.test(t),
    );

describe('the legacy EntityPage overview of the README', () => {
  it('is the layout the README shows', () => {
    const readme = fs.readFileSync(
      path.join(__dirname, '..', 'README.md'),
      'utf8',
    );
    const section = readme.split('## Legacy frontend system')[1];
    const block = /```tsx\n([\s\S]*?)```/.exec(section)![1];
    const file = fs
      .readFileSync(
        path.join(__dirname, '__testUtils__', 'legacyOverview.tsx'),
        'utf8',
      )
      .replace(/^\/\/.*\n/gm, '')
      .replace("from '..';", "from '@internal/plugin-realtime-platform';");
    expect(block).toBe(file);
  });

  it('on a platform: the realtime card right after About, and no relation cards', async () => {
    await render('telemetry');
    expect(titles()).toEqual(['About', 'Live state']);
  });

  it('on another component: the relation cards, and no realtime card', async () => {
    await render('status-page');
    expect(titles()).toEqual([
      'About',
      expect.stringMatching(/^Depends on components/),
      expect.stringMatching(/^Has subcomponents/),
    ]);
  });

  it('negative control: without the EntitySwitch, a platform shows the empty relation cards', async () => {
    await render(
      'telemetry',
      <>
        <EntityAboutCard />
        <EntityDependsOnComponentsCard variant="gridItem" />
      </>,
    );
    expect(titles()).toEqual([
      'About',
      expect.stringMatching(/^Depends on components/),
    ]);
  });
});
