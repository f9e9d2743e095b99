import { test, expect } from '@playwright/test';
import { enterAsGuest, screenshotPath } from './signIn';

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
  await page.screenshot({ path: screenshotPath('docs-entity'), fullPage: true });

  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'TechDocs' })
    .click();
  const docs = page.locator('[data-testid="techdocs-native-shadowroot"]');
  await expect(
    docs.getByRole('heading', { name: 'Realtime Platform', level: 1 }),
  ).toBeVisible({ timeout: 60_000 });
  const diagram = docs.locator('.realtime-diagram svg');
  await expect(diagram).toBeVisible();
  await expect(diagram.locator('text', { hasText: 'Schema registry' })).toHaveCount(1);
  await page.screenshot({ path: screenshotPath('docs-index'), fullPage: true });
});
