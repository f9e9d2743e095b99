import { renderTestApp } from '@backstage/frontend-test-utils';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import { byName, loadExampleEntities } from './__testUtils__/entities';
import plugin, { entityRealtimePlatformCard } from './alpha';

const examples = loadExampleEntities();

// Shows on every entity, so its presence proves the page rendered its cards.
const probeCard = EntityCardBlueprint.make({
  name: 'probe',
  params: { loader: async () => <div>probe card</div> },
});

describe('new frontend system', () => {
  it('is a frontend plugin, as the default export for feature discovery', () => {
    expect(plugin.$$type).toBe('@backstage/FrontendPlugin');
    expect(plugin.pluginId).toBe('realtime-platform');
  });

  it('renders the card on a platform entity page', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: byName(examples, 'telemetry') }),
        entityRealtimePlatformCard,
      ],
      apis: [catalogApiMock({ entities: examples })],
    });
    expect(await screen.findByText('Realtime platform')).toBeInTheDocument();
    expect(await screen.findByText('Apache Kafka')).toBeInTheDocument();
  });

  it('filters the card out of unrelated entities', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({
          entity: byName(examples, 'telemetry-kafka'),
        }),
        entityRealtimePlatformCard,
        probeCard,
      ],
      apis: [catalogApiMock({ entities: examples })],
    });
    expect(await screen.findByText('probe card')).toBeInTheDocument();
    expect(screen.queryByText('Realtime platform')).not.toBeInTheDocument();
  });
});
