import { test, expect, APIRequestContext } from '@playwright/test';
import { enterAsGuest, screenshotPath } from './signIn';
import { realtimeCard } from './realtimeCard';
import { docsScreenshot } from './docsScreenshot';

/*
 * Both example applications (platform/examples/*.yaml) are registered in
 * app-config.yaml as realtime-oam locations; the catalog module turns them
 * into the entities below, and the realtime-platform card reads them.
 */

interface Entity {
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
  relations?: { type: string; targetRef: string }[];
}

async function guestToken(request: APIRequestContext): Promise<string> {
  const res = await request.get('/api/auth/guest/refresh', {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(res.ok()).toBe(true);
  return (await res.json()).backstageIdentity.token;
}

async function entity(
  request: APIRequestContext,
  token: string,
  ref: string,
): Promise<Entity> {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  let res;
  // A fresh portal may still be processing the locations.
  await expect
    .poll(
      async () => {
        res = await request.get(
          `/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
          { headers: { Authorization: `Bearer ${token}` } },
        );
        return res.status();
      },
      { timeout: 60_000 },
    )
    .toBe(200);
  return res!.json();
}

const targets = (e: Entity, type: string) =>
  (e.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef)
    .sort();

test('both example applications become Systems, Components and Resources with their relations', async ({
  request,
}) => {
  const token = await guestToken(request);
  const factory = await entity(request, token, 'system:factory/factory');
  await expect
    .poll(async () =>
      targets(
        await entity(request, token, 'system:factory/factory'),
        'hasPart',
      ),
    )
    .toEqual([
      'component:factory/alerting',
      'component:factory/ingest',
      'component:factory/status-page',
      'component:factory/telemetry',
      'resource:factory/telemetry-kafka',
      'resource:factory/telemetry-lenses-hq',
      'resource:factory/telemetry-metabase',
      'resource:factory/telemetry-mqtt',
      'resource:factory/telemetry-postgresql',
      'resource:factory/telemetry-schema-registry',
    ]);
  expect(factory.metadata.annotations?.['backstage.io/techdocs-entity']).toBe(
    'component:default/realtime-platform-docs',
  );

  const telemetry = await entity(request, token, 'component:factory/telemetry');
  expect(telemetry.spec?.type).toBe('realtime-platform');
  expect(targets(telemetry, 'hasPart')).toHaveLength(6);
  expect(targets(telemetry, 'dependencyOf')).toEqual([
    'component:factory/alerting',
    'component:factory/ingest',
  ]);
  const kafka = await entity(
    request,
    token,
    'resource:factory/telemetry-kafka',
  );
  expect(kafka.spec?.type).toBe('kafka');
  expect(targets(kafka, 'partOf')).toEqual([
    'component:factory/telemetry',
    'system:factory/factory',
  ]);

  const minimal = await entity(request, token, 'component:demo/events');
  expect(targets(minimal, 'hasPart')).toEqual([
    'resource:demo/events-kafka',
    'resource:demo/events-metabase',
    'resource:demo/events-mqtt',
    'resource:demo/events-postgresql',
    'resource:demo/events-schema-registry',
  ]);
  const api = await entity(request, token, 'component:demo/api');
  expect(api.spec?.type).toBe('service');
  expect(targets(api, 'dependsOn')).toEqual(['component:demo/events']);
  expect(targets(api, 'partOf')).toEqual(['system:demo/minimal']);
});

test('the card on a generated platform shows its parts, consumers, secret keys and links', async ({
  page,
}) => {
  await enterAsGuest(page);
  await page.goto('/catalog/factory/component/telemetry');
  const platformCard = realtimeCard(page);

  const parts = platformCard.getByRole('region', { name: 'Provisioned parts' });
  await expect(parts.getByRole('link', { name: /\(telemetry\)/ })).toHaveCount(
    6,
  );
  await expect(
    parts.getByText('kafka.factory--telemetry-realtime.svc.cluster.local:9092'),
  ).toBeVisible();
  await expect(platformCard.getByText(/annotation problem/)).toHaveCount(0);

  const consumers = platformCard.getByRole('list', { name: 'Consumers' });
  await expect(consumers.getByRole('link')).toHaveCount(2);
  await expect(
    consumers.getByText('produces machines.telemetry'),
  ).toBeVisible();

  const secrets = platformCard.getByRole('region', {
    name: 'Connection secrets',
  });
  await expect(
    secrets.getByText('telemetry-conn', { exact: true }),
  ).toBeVisible();
  for (const key of [
    'KAFKA_BOOTSTRAP_SERVERS',
    'LENSES_HQ_URL',
    'TOPIC_MACHINES_STATE',
  ]) {
    await expect(secrets.getByText(key, { exact: true }).first()).toBeVisible();
  }

  const links = platformCard.getByRole('region', { name: 'Links' });
  await expect(links.getByRole('link', { name: /Lenses HQ/ })).toHaveAttribute(
    'href',
    'https://lenses.factory--telemetry-realtime.example.com/',
  );
  await expect(links.getByRole('link', { name: /Metabase/ })).toHaveAttribute(
    'href',
    'https://metabase.factory--telemetry-realtime.example.com/',
  );

  await platformCard.scrollIntoViewIfNeeded();
  await docsScreenshot(platformCard, 'catalog-module-platform-card');
  await page.screenshot({
    path: screenshotPath('catalog-module-platform-page'),
    fullPage: true,
  });

  await parts.getByRole('link', { name: /Apache Kafka/ }).click();
  await expect(page).toHaveURL(
    /\/catalog\/factory\/resource\/telemetry-kafka$/,
  );
  await page.screenshot({ path: screenshotPath('catalog-module-part') });
});

test('the minimal application: a platform without Lenses and its consumer', async ({
  page,
}) => {
  await enterAsGuest(page);
  await page.goto('/catalog/demo/component/events');
  const platformCard = realtimeCard(page);
  const parts = platformCard.getByRole('region', { name: 'Provisioned parts' });
  await expect(parts.getByRole('link', { name: /\(events\)/ })).toHaveCount(5);
  await expect(parts.getByText(/Lenses HQ/)).toHaveCount(0);
  await docsScreenshot(platformCard, 'catalog-module-minimal-card');

  await page.goto('/catalog/demo/component/api');
  const consumerCard = realtimeCard(page);
  await expect(
    consumerCard.getByRole('link', { name: /events/ }).first(),
  ).toBeVisible();
  await expect(consumerCard.getByText('events-conn')).toBeVisible();
  await consumerCard.screenshot({
    path: screenshotPath('catalog-module-consumer-card'),
  });

  await page.goto('/catalog/demo/system/minimal');
  await expect(page.getByText('minimal application').first()).toBeVisible();
  // backstage.io/techdocs-entity gives every generated entity the Docs tab.
  await expect(
    page
      .getByRole('navigation', { name: 'Content navigation' })
      .getByRole('link', { name: 'Docs', exact: true }),
  ).toBeVisible();
  await page.goto('/catalog/demo/resource/events-kafka');
  await expect(
    page
      .getByRole('navigation', { name: 'Content navigation' })
      .getByRole('link', { name: 'Docs', exact: true }),
  ).toBeVisible();
  await page.goto('/catalog/demo/system/minimal');
  await page.screenshot({
    path: screenshotPath('catalog-module-system'),
    fullPage: true,
  });
});
