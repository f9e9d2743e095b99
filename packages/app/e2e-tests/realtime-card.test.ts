import { test, expect } from '@playwright/test';
import { enterAsGuest, screenshotPath } from './signIn';
import { realtimeCard } from './realtimeCard';
import { docsScreenshot } from './docsScreenshot';

const PLATFORM = '/catalog/factory/component/telemetry';

test('the realtime platform card shows parts, secret keys and links; a part opens its entity', async ({
  page,
}) => {
  await enterAsGuest(page);
  await page.goto(PLATFORM);
  const platformCard = realtimeCard(page);

  // The first content card, its title level with About's; the stock cards with nothing to show
  // for a platform are not there.
  await expect(platformCard).toBeVisible();
  const titles = await page
    .locator('.MuiCard-root .MuiCardHeader-title')
    .allInnerTexts();
  expect(titles[0]).toBe('Realtime platform');
  const [about, own] = await Promise.all([
    page.getByText('About', { exact: true }).boundingBox(),
    platformCard.getByText('Realtime platform', { exact: true }).boundingBox(),
  ]);
  expect(Math.abs(about!.y - own!.y)).toBeLessThan(20);
  expect(about!.x).toBeGreaterThan(own!.x + own!.width);
  for (const stock of [
    'Provided APIs',
    'Consumed APIs',
    'Depends on components',
    'Subcomponents',
  ])
    expect(titles).not.toContain(stock);

  // This portal names no Kubernetes cluster: the declared view, and a line that says so.
  await expect(
    platformCard
      .getByRole('region', { name: 'Live state' })
      .getByText(/^Live state is off: the portal has no Kubernetes cluster/),
  ).toBeVisible();

  const parts = platformCard.getByRole('region', { name: 'Provisioned parts' });
  await expect(parts).toBeVisible();
  // The example is clean: real catalog annotations (managed-by-location) raise no problem.
  await expect(platformCard.getByText(/annotation problem/)).toHaveCount(0);
  await expect(parts.getByRole('link', { name: /\(telemetry\)/ })).toHaveCount(
    6,
  );
  await expect(
    parts.getByText('kafka.factory--telemetry-realtime.svc.cluster.local:9092'),
  ).toBeVisible();

  const secrets = platformCard.getByRole('region', {
    name: 'Connection secrets',
  });
  await expect(
    secrets.getByText('telemetry-conn', { exact: true }),
  ).toBeVisible();
  for (const key of [
    'KAFKA_BOOTSTRAP_SERVERS',
    'POSTGRES_PASSWORD',
    'TOPIC_MACHINES_TELEMETRY',
  ]) {
    await expect(secrets.getByText(key, { exact: true }).first()).toBeVisible();
  }
  await expect(secrets.getByTestId('kubectl-command')).toHaveText(
    "kubectl get secret telemetry-conn -n factory -o jsonpath='{.data.KAFKA_BOOTSTRAP_SERVERS}' | base64 -d",
  );
  // Key names only: nothing value-shaped (assignments, base64 or hex blobs).
  const secretText = await secrets
    .getByRole('list', { name: 'Secret keys' })
    .innerText();
  expect(secretText).not.toMatch(/[=:]\s*\S|[A-Za-z0-9+/]{24,}={0,2}/);

  const links = platformCard.getByRole('region', { name: 'Links' });
  for (const [name, href] of [
    ['Lenses HQ', 'https://lenses.factory--telemetry-realtime.example.com/'],
    ['Metabase', 'https://metabase.factory--telemetry-realtime.example.com/'],
  ]) {
    const link = links.getByRole('link', { name: new RegExp(name) });
    await expect(link).toHaveAttribute('href', href);
    await expect(link).toHaveAttribute('target', '_blank');
  }

  await platformCard.scrollIntoViewIfNeeded();
  await platformCard.screenshot({ path: screenshotPath('realtime-card') });
  await page.screenshot({
    path: screenshotPath('realtime-card-page'),
    fullPage: true,
  });

  await parts.getByRole('link', { name: /Apache Kafka/ }).click();
  await expect(page).toHaveURL(
    /\/catalog\/factory\/resource\/telemetry-kafka$/,
  );
  await expect(
    page.getByRole('heading', {
      name: /Apache Kafka \(telemetry\)/,
    }),
  ).toBeVisible();
  await page.screenshot({ path: screenshotPath('realtime-card-part-entity') });
});

test('a consumer webservice shows the compact card', async ({ page }) => {
  await enterAsGuest(page);
  await page.goto('/catalog/factory/component/alerting');
  const consumerCard = realtimeCard(page);
  await expect(
    consumerCard.getByRole('link', { name: /telemetry realtime platform/ }),
  ).toHaveAttribute('href', PLATFORM);
  await expect(consumerCard.getByText('factory/telemetry-conn')).toBeVisible();
  await expect(
    consumerCard.getByLabel('Consumes').getByText('machines.telemetry'),
  ).toBeVisible();
  await docsScreenshot(consumerCard, 'realtime-card-consumer');
});
