import { screen } from '@testing-library/react';
import { byName, loadExampleEntities } from './__testUtils__/entities';
import { countingCatalog, renderCard } from './__testUtils__/renderCard';
import {
  EntityRealtimePlatformCard,
  isRealtimePlatformAvailable,
  realtimePlatformPlugin,
} from './index';

const examples = loadExampleEntities();

describe('legacy frontend system', () => {
  it('mounts EntityRealtimePlatformCard in a legacy test app', async () => {
    await renderCard(byName(examples, 'telemetry'), {
      catalogApi: countingCatalog(examples),
      element: <EntityRealtimePlatformCard />,
    });
    expect(await screen.findByText('Realtime platform')).toBeInTheDocument();
    expect(await screen.findByText('Apache Kafka')).toBeInTheDocument();
    expect(screen.getByText('telemetry-conn')).toBeInTheDocument();
    expect(realtimePlatformPlugin.getId()).toBe('realtime-platform');
  });

  it('isRealtimePlatformAvailable selects platforms and consumers only', () => {
    expect(
      examples.filter(isRealtimePlatformAvailable).map(e => e.metadata.name),
    ).toEqual(['events', 'api', 'telemetry', 'ingest', 'alerting']);
  });
});
