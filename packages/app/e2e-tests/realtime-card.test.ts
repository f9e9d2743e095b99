import { test, expect, Page } from '@playwright/test';
import { enterAsGuest, screenshotPath } from './signIn';

const PLATFORM = '/catalog/default/component/orders-platform';

function card(page: Page) {
  return page
    .locator('.MuiCard-root')
    .filter({ has: page.getByText('Realtime platform', { exact: true }) });
}

test('the realtime platform card shows parts, secret keys and links; a part opens its entity', async ({
  page,
}) => {
  await enterAsGuest(page);
  await page.goto(PLATFORM);
  const platformCard = card(page);

  const parts = platformCard.getByRole('region', { name: 'Provisioned parts' });
  await expect(parts).toBeVisible();
  // The example is clean: real catalog annotations (managed-by-location) raise no problem.
  await expect(platformCard.getByText(/annotation problem/)).toHaveCount(0);
  await expect(
    parts.getByRole('link', { name: /\(orders-platform\)/ }),
  ).toHaveCount(6);
  await expect(
    parts.getByText(
      'kafka.orders--orders-platform-realtime.svc:9092',
    ),
  ).toBeVisible();

  const secrets = platformCard.getByRole('region', {
    name: 'Connection secrets',
  });
  await expect(
    secrets.getByText('orders-platform-conn', { exact: true }),
  ).toBeVisible();
  for (const key of [
    'KAFKA_BOOTSTRAP_SERVERS',
    'POSTGRES_PASSWORD',
    'TOPIC_DEVICE_TELEMETRY',
  ]) {
    await expect(secrets.getByText(key, { exact: true }).first()).toBeVisible();
  }
  await expect(secrets.getByTestId('kubectl-command')).toHaveText(
    "kubectl get secret orders-platform-conn -n orders -o jsonpath='{.data.KAFKA_BOOTSTRAP_SERVERS}' | base64 -d",
  );
  // Key names only: nothing value-shaped (assignments, base64 or hex blobs).
  const secretText = await secrets
    .getByRole('table', { name: 'Secret keys' })
    .innerText();
  expect(secretText).not.toMatch(/[=:]\s*\S|[A-Za-z0-9+/]{24,}={0,2}/);

  const links = platformCard.getByRole('region', { name: 'Links' });
  for (const [name, href] of [
    ['Lenses HQ', 'https://lenses.orders.example.com/'],
    ['Metabase', 'https://metabase.orders.example.com/'],
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
    /\/catalog\/default\/resource\/orders-platform-kafka$/,
  );
  await expect(
    page.getByRole('heading', {
      name: /Apache Kafka \(KRaft\) \(orders-platform\)/,
    }),
  ).toBeVisible();
  await page.screenshot({ path: screenshotPath('realtime-card-part-entity') });
});

test('a consumer webservice shows the compact card', async ({ page }) => {
  await enterAsGuest(page);
  await page.goto('/catalog/default/component/shipping-worker');
  const consumerCard = card(page);
  await expect(
    consumerCard.getByRole('link', { name: /Orders realtime platform/ }),
  ).toHaveAttribute('href', PLATFORM);
  await expect(
    consumerCard.getByText('orders/orders-platform-conn'),
  ).toBeVisible();
  await expect(
    consumerCard.getByLabel('Consumes').getByText('device.telemetry'),
  ).toBeVisible();
  await consumerCard.screenshot({
    path: screenshotPath('realtime-card-consumer'),
  });
});
