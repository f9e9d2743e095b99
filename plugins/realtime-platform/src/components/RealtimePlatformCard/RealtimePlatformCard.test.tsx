import { Entity } from '@backstage/catalog-model';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  byName,
  generatedPlatform,
  loadExampleEntities,
} from '../../__testUtils__/entities';
import {
  countingCatalog,
  renderCard,
  totalCatalogCalls,
} from '../../__testUtils__/renderCard';
import { LIST_LIMIT, PAGE_SIZE } from './ShowAll';

const TITLE = 'Realtime platform';
const examples = loadExampleEntities();
const platform = byName(examples, 'telemetry');

function section(name: string) {
  return within(screen.getByRole('region', { name }));
}

describe('<RealtimePlatformCard />', () => {
  it('shows the title and the platform data from the portal example', async () => {
    const catalogApi = countingCatalog(examples);
    await renderCard(platform, { catalogApi });

    expect(screen.getByText(TITLE)).toBeInTheDocument();
    const parts = section('Provisioned parts');
    expect(await parts.findByText('Apache Kafka')).toBeInTheDocument();
    expect(parts.getAllByRole('listitem')).toHaveLength(6);
    expect(
      parts.getByText(
        'kafka.factory--telemetry-realtime.svc.cluster.local:9092',
      ),
    ).toBeInTheDocument();
    expect(
      parts.getByRole('link', {
        name: /Apache Kafka \(telemetry\)/,
      }),
    ).toHaveAttribute('href', '/catalog/factory/resource/telemetry-kafka');

    const consumers = section('Consumers');
    expect(consumers.getByRole('link', { name: /^alerting$/ })).toHaveAttribute(
      'href',
      '/catalog/factory/component/alerting',
    );
    expect(
      consumers.getByText(
        'produces machines.alerts, machines-state; consumes machines.telemetry',
      ),
    ).toBeInTheDocument();

    const secrets = section('Connection secrets');
    expect(secrets.getByText('telemetry-conn')).toBeInTheDocument();
    expect(secrets.getByText('factory')).toBeInTheDocument();
    const groups = within(
      secrets.getByRole('list', { name: 'Secret keys' }),
    ).getAllByRole('listitem');
    // 24 keys in one row per service, each once (it is also the consumers' env var).
    expect(
      groups.map(g => within(g).getByTestId('key-group').textContent),
    ).toEqual([
      'Kafka',
      'Schema registry',
      'MQTT',
      'PostgreSQL',
      'Lenses',
      'Metabase',
      'Topics',
    ]);
    expect(within(groups[0]).getAllByRole('button')).toHaveLength(6);
    expect(secrets.getAllByText('TOPIC_MACHINES_TELEMETRY')).toHaveLength(1);
    expect(groups.flatMap(g => within(g).getAllByRole('button'))).toHaveLength(
      24,
    );
    expect(screen.getByTestId('kubectl-command')).toHaveTextContent(
      "kubectl get secret telemetry-conn -n factory -o jsonpath='{.data.KAFKA_BOOTSTRAP_SERVERS}' | base64 -d",
    );
    const all = screen.getByTestId('kubectl-all-command').textContent!;
    expect(all).toContain(
      '"KAFKA_BOOTSTRAP_SERVERS" "KAFKA_SECURITY_PROTOCOL"',
    );
    for (const credential of [
      'KAFKA_PASSWORD',
      'POSTGRES_URL',
      'MQTT_PASSWORD',
    ])
      expect(all).not.toContain(`"${credential}"`);

    const links = section('Links');
    for (const [name, href] of [
      ['Lenses HQ', 'https://lenses.factory--telemetry-realtime.example.com/'],
      ['Metabase', 'https://metabase.factory--telemetry-realtime.example.com/'],
    ]) {
      const link = links.getByRole('link', { name: new RegExp(name) });
      expect(link).toHaveAttribute('href', href);
      expect(link).toHaveAttribute('target', '_blank');
      expect(link).toHaveAttribute('rel', expect.stringContaining('noopener'));
    }
    expect(
      section('Connection secrets').getByRole('link', {
        name: 'Access and secrets guide',
      }),
    ).toHaveAttribute(
      'href',
      '/docs/default/component/realtime-platform-docs/access/',
    );
    expect(
      parts.getByRole('link', { name: 'Troubleshooting' }),
    ).toHaveAttribute(
      'href',
      '/docs/default/component/realtime-platform-docs/operations/',
    );
    expect(screen.queryByText(/annotation problem/)).not.toBeInTheDocument();
    expect(catalogApi.getEntitiesByRefs).toHaveBeenCalledTimes(1);
  });

  it('switches the kubectl command to the chosen key', async () => {
    await renderCard(platform, { catalogApi: countingCatalog(examples) });
    await userEvent.click(
      await screen.findByRole('button', { name: 'POSTGRES_DB' }),
    );
    expect(screen.getByRole('button', { name: 'POSTGRES_DB' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(screen.getByTestId('kubectl-command')).toHaveTextContent(
      "kubectl get secret telemetry-conn -n factory -o jsonpath='{.data.POSTGRES_DB}' | base64 -d",
    );
  });

  it('shows the missing-annotation state with a YAML hint and makes no catalog call', async () => {
    const catalogApi = countingCatalog([]);
    await renderCard(
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'x' },
        spec: { type: 'realtime-platform' },
      },
      { catalogApi },
    );
    expect(screen.getByText(TITLE)).toBeInTheDocument();
    expect(screen.getByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(
      screen.getAllByText(/realtime-platform.io\/platform-name/).length,
    ).toBeGreaterThan(0);
    expect(totalCatalogCalls(catalogApi)).toBe(0);
  });

  it('shows progress while related entities load', async () => {
    const catalogApi = catalogApiMock.mock({
      getEntitiesByRefs: () => new Promise(() => {}),
    });
    await renderCard(platform, { catalogApi });
    expect(screen.getByText(TITLE)).toBeInTheDocument();
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error with a retry that reloads', async () => {
    const store = catalogApiMock({ entities: examples });
    const catalogApi = catalogApiMock.mock();
    catalogApi.getEntitiesByRefs
      .mockRejectedValueOnce(new Error('Request failed with 503'))
      .mockImplementation(req => store.getEntitiesByRefs(req));
    await renderCard(platform, { catalogApi });

    expect(screen.getByText(TITLE)).toBeInTheDocument();
    expect(
      (await screen.findAllByText(/Request failed with 503/)).length,
    ).toBeGreaterThan(0);
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Apache Kafka')).toBeInTheDocument();
    expect(catalogApi.getEntitiesByRefs).toHaveBeenCalledTimes(2);
  });

  it('shows the empty message with a help link', async () => {
    await renderCard(
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'bare',
          annotations: { 'realtime-platform.io/platform-name': 'bare' },
        },
        spec: { type: 'realtime-platform' },
      },
      { catalogApi: countingCatalog([]) },
    );
    expect(screen.getByText(TITLE)).toBeInTheDocument();
    expect(
      screen.getByText(/declares no parts, consumers, connection secret/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /How a platform is described/ }),
    ).toHaveAttribute(
      'href',
      '/docs/default/component/realtime-platform-docs/access/',
    );
  });

  it('shows a part missing from the catalog as unresolved, with the rest', async () => {
    const withoutKafka = examples.filter(
      e => e.metadata.name !== 'telemetry-kafka',
    );
    await renderCard(platform, { catalogApi: countingCatalog(withoutKafka) });
    const parts = section('Provisioned parts');
    expect(await parts.findByText('Schema registry')).toBeInTheDocument();
    const unresolved = parts.getByTestId('unresolved-ref');
    expect(unresolved).toHaveTextContent('resource:factory/telemetry-kafka');
    expect(unresolved).toHaveTextContent(/not in the catalog/);
    expect(parts.getAllByRole('link', { name: /telemetry\)/ })).toHaveLength(5);
  });

  it('names a malformed annotation and still renders the rest', async () => {
    const broken: Entity = {
      ...platform,
      metadata: {
        ...platform.metadata,
        links: [],
        annotations: {
          ...platform.metadata.annotations,
          'realtime-platform.io/lenses-hq-url':
            // eslint-disable-next-line no-script-url -- refusing it is the point
            'javascript:alert(document.cookie)',
          'realtime-platform.io/connection-secret-keys':
            'KAFKA_BOOTSTRAP_SERVERS, password=hunter2',
        },
      },
    };
    const { container } = await renderCard(broken, {
      catalogApi: countingCatalog(examples),
    });
    expect(await screen.findByText('Apache Kafka')).toBeInTheDocument();
    expect(screen.getByText(/2 annotation problems/)).toBeInTheDocument();
    expect(
      screen.getAllByText('realtime-platform.io/connection-secret-keys', {
        selector: 'code',
      }),
    ).toHaveLength(1);
    expect(
      screen.getAllByText(/Lenses HQ link refused: only http and https/).length,
    ).toBeGreaterThan(0);
    expect(
      section('Links').queryByRole('link', { name: 'Lenses HQ' }),
    ).not.toBeInTheDocument();
    expect(container.innerHTML).not.toMatch(/hunter2|javascript:|cookie/);
  });

  it('falls back to the app-config base URL and refuses an unsafe one', async () => {
    const noLinks: Entity = {
      ...platform,
      metadata: { ...platform.metadata, links: [] },
    };
    await renderCard(noLinks, {
      catalogApi: countingCatalog(examples),
      config: {
        realtimePlatform: {
          lensesBaseUrl: 'https://lenses.example.com/{namespace}/{name}',
          metabaseBaseUrl: 'data:text/html,hi',
        },
      },
    });
    const links = section('Links');
    expect(
      await links.findByRole('link', { name: /Lenses HQ/ }),
    ).toHaveAttribute(
      'href',
      'https://lenses.example.com/factory--telemetry-realtime/telemetry',
    );
    expect(
      links.queryByRole('link', { name: /Metabase/ }),
    ).not.toBeInTheDocument();
    expect(
      links.getByText(/Metabase link refused: only http and https/),
    ).toBeInTheDocument();
  });

  it('shows the compact variant on a consumer', async () => {
    const catalogApi = countingCatalog(examples);
    await renderCard(byName(examples, 'alerting'), { catalogApi });
    expect(screen.getByText(TITLE)).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: /telemetry realtime platform/ }),
    ).toHaveAttribute('href', '/catalog/factory/component/telemetry');
    expect(screen.getByText('factory/telemetry-conn')).toBeInTheDocument();
    expect(
      within(screen.getByLabelText('Produces')).getByText('machines.alerts'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByLabelText('Consumes')).getByText('machines.telemetry'),
    ).toBeInTheDocument();
    expect(catalogApi.getEntitiesByRefs).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRefs: ['component:factory/telemetry'],
      }),
    );
  });

  it('shows a consumed platform missing from the catalog as unresolved', async () => {
    await renderCard(byName(examples, 'alerting'), {
      catalogApi: countingCatalog([]),
    });
    expect(await screen.findByTestId('unresolved-ref')).toHaveTextContent(
      'component:factory/telemetry',
    );
  });

  it('renders the first 10 of a long list; asked for all, pages of 25 that a filter narrows', async () => {
    const { platform: big, related } = generatedPlatform(60, 120);
    const catalogApi = countingCatalog(related);
    await renderCard(big, { catalogApi });
    expect(await screen.findAllByText('Apache Kafka')).toHaveLength(LIST_LIMIT);
    const consumers = section('Consumers');
    expect(consumers.getAllByRole('listitem')).toHaveLength(LIST_LIMIT);
    await userEvent.click(
      consumers.getByRole('button', {
        name: 'Show all 120 consumers (110 more)',
      }),
    );
    expect(consumers.getAllByRole('listitem')).toHaveLength(PAGE_SIZE);
    expect(consumers.getByTestId('consumers-range')).toHaveTextContent(
      '1–25 of 120',
    );
    await userEvent.type(
      consumers.getByRole('textbox', { name: 'Filter consumers' }),
      'consumer-119',
    );
    expect(consumers.getAllByRole('listitem')).toHaveLength(1);
    expect(consumers.getByText('consumer-119')).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Show all 60 parts (50 more)' }),
    );
    const parts = section('Provisioned parts');
    await userEvent.click(parts.getByRole('button', { name: 'Next' }));
    await userEvent.click(parts.getByRole('button', { name: 'Next' }));
    expect(parts.getByTestId('parts-range')).toHaveTextContent('51–60 of 60');
    expect(parts.getAllByRole('listitem')).toHaveLength(10);
    expect(parts.getByRole('button', { name: 'Next' })).toBeDisabled();
    expect(totalCatalogCalls(catalogApi)).toBe(1);
  });

  it.each([10, 100])(
    'makes exactly one batched catalog request for %i related entities',
    async n => {
      const { platform: big, related } = generatedPlatform(n / 2, n / 2);
      const catalogApi = countingCatalog(related);
      await renderCard(big, { catalogApi });
      expect(await screen.findAllByText('Apache Kafka')).toHaveLength(
        Math.min(n / 2, LIST_LIMIT),
      );
      expect(screen.getByText('consumer-0')).toBeInTheDocument();
      expect(totalCatalogCalls(catalogApi)).toBe(1);
      expect(
        catalogApi.getEntitiesByRefs.mock.calls[0][0].entityRefs,
      ).toHaveLength(n);
    },
  );
});
