import { test, expect, Page } from '@playwright/test';
import { docsScreenshot } from './docsScreenshot';
import { enterAsGuest, screenshotPath } from './signIn';

/*
 * The "Realtime application" template (templates/realtime-app) on the Create page: its card links
 * to the platform's user guide, and running it with the local default (nothing published) shows
 * the validated application and links to the user guide and the service access guide.
 */

const USER_GUIDE = '/docs/default/component/realtime-platform-docs/user-guide/';
const ACCESS_GUIDE = '/docs/default/component/realtime-platform-docs/access/';

function docsHeading(page: Page, name: string) {
  return page
    .locator('[data-testid="techdocs-native-shadowroot"]')
    .getByRole('heading', { name, level: 1 });
}

function templateCard(page: Page) {
  return page
    .locator('article, .MuiCard-root')
    .filter({ has: page.getByText('Realtime application', { exact: true }) })
    .first();
}

test('the Create page shows the template with its View TechDocs link to the user guide', async ({
  page,
}) => {
  await enterAsGuest(page, '/create');
  const card = templateCard(page);
  await expect(card).toBeVisible({ timeout: 60_000 });
  const techdocs = card.getByRole('link', { name: 'View TechDocs' });
  await expect(techdocs).toHaveAttribute('href', USER_GUIDE);
  await docsScreenshot(card, 'template-create-card');

  await techdocs.click();
  await expect(page).toHaveURL(new RegExp(`${USER_GUIDE}$`));
  await expect(docsHeading(page, 'User guide')).toBeVisible({
    timeout: 90_000,
  });
});

test('running the template with the local default shows the application and the docs links', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const name = `e2e-${Date.now().toString(36)}`;
  await enterAsGuest(page, '/create');
  const card = templateCard(page);
  await expect(card).toBeVisible({ timeout: 60_000 });
  await card.getByRole('button', { name: 'Choose' }).click();

  // Application
  await page.getByLabel('Application name').fill(name);
  const owner = page.getByRole('textbox', { name: 'Owner' });
  await owner.click();
  await owner.fill('Realtime Platform');
  await page
    .getByRole('option', { name: /Realtime Platform Team/ })
    .first()
    .click();
  await page.getByRole('button', { name: 'Next' }).click();

  // Realtime platform: one topic, no MQTT
  await expect(page.getByText('Kafka topics')).toBeVisible();
  await page.getByRole('button', { name: 'Add' }).first().click();
  await page.getByLabel('Topic name').first().fill('orders.created');
  await page.getByRole('button', { name: 'Next' }).click();

  // Services: the default service "api" needs an image
  await page
    .getByLabel('Container image')
    .fill('ghcr.io/example/orders-api:1.0.0');
  await page.getByRole('button', { name: 'Next' }).click();

  // Publish: left unticked (the local default)
  await expect(page.getByLabel('Publish to GitHub')).not.toBeChecked();
  await page.getByRole('button', { name: 'Review' }).click();
  await docsScreenshot(page, 'template-review');
  await page.getByRole('button', { name: 'Create' }).click();

  const userGuide = page.getByRole('link', { name: 'User guide' });
  const access = page.getByRole('link', { name: 'Service access guide' });
  await expect(userGuide).toBeVisible({ timeout: 120_000 });
  await expect(access).toBeVisible();
  // Nothing was registered, so there is no entity link.
  await expect(
    page.getByRole('link', { name: 'Open the application in the catalog' }),
  ).toHaveCount(0);
  await expect(
    page.getByText('Validated against the realtime platform definitions'),
  ).toBeVisible();
  await expect(page.getByText(`name: ${name}`).first()).toBeVisible();
  // The log's lines and its scroll position differ on every run: the guide shows the page without.
  await page.getByRole('button', { name: 'Hide logs' }).click();
  await expect(page.getByRole('button', { name: 'Show logs' })).toBeVisible();
  await docsScreenshot(page, 'template-task-output');

  await access.click();
  await expect(page).toHaveURL(new RegExp(`${ACCESS_GUIDE}$`));
  await expect(docsHeading(page, 'Service access and secrets')).toBeVisible({
    timeout: 90_000,
  });
  await page.screenshot({
    path: screenshotPath('template-access-guide'),
    fullPage: true,
  });

  await page.goBack();
  await expect(userGuide).toBeVisible({ timeout: 60_000 });
  await userGuide.click();
  await expect(page).toHaveURL(new RegExp(`${USER_GUIDE}$`));
  await expect(docsHeading(page, 'User guide')).toBeVisible({
    timeout: 90_000,
  });
  await page.screenshot({
    path: screenshotPath('template-user-guide'),
    fullPage: true,
  });
});
