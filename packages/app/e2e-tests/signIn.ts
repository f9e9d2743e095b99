import { Page, expect } from '@playwright/test';

/** Signs in through the guest provider's "Enter" button, as a person would. */
export async function enterAsGuest(page: Page, path = '/') {
  await page.goto(path);
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

/** Screenshots land in artifacts/screenshots, which CI keeps and the user guide reuses. */
export const screenshotPath = (name: string) =>
  `artifacts/screenshots/${name}.png`;
