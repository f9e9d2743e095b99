import { defineConfig } from '@playwright/test';

/**
 * Browser tests against a running portal (started by `make e2e` / `make test` through
 * scripts/portal.sh), driven with Debian's Chromium: Playwright's own browser downloads are not
 * available on these machines.
 */
export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  // The live-state test needs the simulated cluster that scripts/e2e-live.sh starts.
  testIgnore: process.env.LIVE_STATE ? [] : ['**/live-state.test.ts'],
  timeout: 90_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'artifacts/e2e-report' }],
  ],
  outputDir: 'artifacts/e2e-results',
  use: {
    baseURL: process.env.PORTAL_URL ?? 'http://localhost:7007',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
