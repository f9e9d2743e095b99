import { Page } from '@playwright/test';

/** The realtime-platform card on an entity page, found by its title. */
export function realtimeCard(page: Page) {
  return page
    .locator('.MuiCard-root')
    .filter({ has: page.getByText('Realtime platform', { exact: true }) });
}
