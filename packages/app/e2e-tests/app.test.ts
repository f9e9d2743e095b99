import { test, expect } from '@playwright/test';
import { enterAsGuest, screenshotPath } from './signIn';
import { docsScreenshot } from './docsScreenshot';

test('a guest opens the platform docs entity and reads its rendered docs', async ({
  page,
}) => {
  await enterAsGuest(page);

  await page.goto('/?filters[kind]=component&filters[user]=all');
  await page
    .getByRole('link', { name: 'Realtime Platform documentation' })
    .click();
  await expect(
    page.getByRole('heading', { name: 'Realtime Platform documentation' }),
  ).toBeVisible();
  await page.screenshot({
    path: screenshotPath('docs-entity'),
    fullPage: true,
  });

  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Docs', exact: true })
    .click();
  const docs = page.locator('[data-testid="techdocs-native-shadowroot"]');
  await expect(
    docs.getByRole('heading', { name: 'Realtime Platform', level: 1 }),
  ).toBeVisible({ timeout: 60_000 });
  const diagram = docs.locator('.realtime-diagram svg');
  await expect(diagram).toBeVisible();
  await expect(
    diagram.locator('text', { hasText: 'Schema registry' }),
  ).toHaveCount(1);
  await docsScreenshot(page, 'docs-index', docs.locator('.md-content'));
});

test('the docs pages are searchable once built', async ({ page, request }) => {
  await enterAsGuest(page, '/docs/default/component/realtime-platform-docs');
  await expect(
    page
      .locator('[data-testid="techdocs-native-shadowroot"]')
      .getByRole('heading', { name: 'Realtime Platform', level: 1 }),
  ).toBeVisible({ timeout: 60_000 });

  const auth = await request.get('/api/auth/guest/refresh', {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  const token = (await auth.json()).backstageIdentity.token;
  const docsPrefix = '/docs/default/component/realtime-platform-docs/';
  await expect
    .poll(
      async () => {
        const res = await request.get(
          '/api/search/query?term=schema%20registry&types%5B0%5D=techdocs',
          { headers: { Authorization: `Bearer ${token}` } },
        );
        const body = await res.json();
        return (body.results ?? []).filter(
          (r: { document: { location: string } }) =>
            r.document.location.startsWith(docsPrefix),
        ).length;
      },
      { timeout: 60_000, intervals: [2_000] },
    )
    .toBeGreaterThan(0);

  await page.goto('/search?query=schema%20registry');
  await expect(
    page.getByRole('link', { name: /Realtime Platform/ }).first(),
  ).toBeVisible();
  await page.screenshot({
    path: screenshotPath('docs-search'),
    fullPage: true,
  });
});
