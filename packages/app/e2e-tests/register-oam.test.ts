import { test, expect, Page } from '@playwright/test';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { docsScreenshot } from './docsScreenshot';
import { enterAsGuest, screenshotPath } from './signIn';

/*
 * The Register Existing Component page (catalog-import) with the URL of a KubeVela OAM
 * application file: the catalog module reads the `url` location into the same System,
 * Components and Resources as a realtime-oam location, and shows the platform's error for an
 * application the definitions reject. The files are served here over loopback; the backend may
 * read them through `backend.reading.allow` in scripts/config/app-config.e2e.yaml.
 */

const FIXTURES_PORT = 7011;
const FILES = `http://localhost:${FIXTURES_PORT}`;
// A namespace and URLs of their own per run: a portal kept running between runs still holds
// the earlier run's location and entities.
const NS = `e2e-${Date.now().toString(36)}`;

const minimal = fs
  .readFileSync(
    path.resolve(
      __dirname,
      '../../../platform/examples/MINIMAL-REALTIME-OAM.yaml',
    ),
    'utf8',
  )
  .replace('name: minimal', 'name: registered')
  .replace('namespace: demo', `namespace: ${NS}`);
const badPort = minimal.replace(
  'realtime: events',
  'realtime: events\n        port: 9223372036854775808',
);
const served: Record<string, string> = {
  [`/${NS}/registered.yaml`]: minimal,
  [`/${NS}/bad-port.yaml`]: badPort,
};

let server: http.Server;

test.beforeAll(async () => {
  expect(badPort).not.toBe(minimal);
  server = http.createServer((req, res) => {
    const body = served[req.url ?? ''];
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/yaml' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(FIXTURES_PORT, '127.0.0.1', resolve);
  });
});

test.afterAll(async () => {
  await new Promise(resolve => server?.close(resolve));
});

async function analyze(page: Page, url: string) {
  await enterAsGuest(page, '/catalog-import');
  await page.getByRole('textbox', { name: /^URL/ }).fill(url);
  await page.getByRole('button', { name: 'Analyze' }).click();
}

test('registering the URL of an OAM application file adds its platform and parts', async ({
  page,
}) => {
  const url = `${FILES}/${NS}/registered.yaml`;
  await analyze(page, url);
  await expect(
    page.getByText('The following entities will be added to the catalog:'),
  ).toBeVisible();
  // System, platform, its 5 parts (no Lenses), the service and the Location itself.
  await expect(page.getByText('Entities: 9')).toBeVisible();
  for (const name of ['registered', 'events', 'events-kafka', 'api']) {
    await expect(
      page.getByText(`${NS}/${name}`, { exact: true }),
    ).toBeVisible();
  }
  await docsScreenshot(page, 'register-oam-review');
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(
    page.getByText('The following entities have been added to the catalog:'),
  ).toBeVisible();

  const platformCard = page
    .locator('.MuiCard-root')
    .filter({ has: page.getByText('Realtime platform', { exact: true }) });
  const parts = platformCard.getByRole('region', { name: 'Provisioned parts' });
  // The entity page loads its entity once: opened before the catalog has processed the new
  // location, it stays "not found". Reload until the platform and its parts are there.
  await expect(async () => {
    await page.goto(`/catalog/${NS}/component/events`);
    await expect(parts.getByRole('link', { name: /\(events\)/ })).toHaveCount(
      5,
      {
        timeout: 5_000,
      },
    );
  }).toPass({ timeout: 90_000 });
  await expect(
    parts.getByText(`kafka.${NS}--events-realtime.svc`, { exact: false }),
  ).toBeVisible();
  await expect(platformCard.getByText(/annotation problem/)).toHaveCount(0);
  await page.screenshot({
    path: screenshotPath('register-oam-platform'),
    fullPage: true,
  });
});

test('an application the platform rejects shows its one error when analyzed', async ({
  page,
}) => {
  const url = `${FILES}/${NS}/bad-port.yaml`;
  await analyze(page, url);
  await expect(page.locator('.MuiFormHelperText-root.Mui-error')).toHaveText(
    `InputError: ${url}: component "api": field "port": invalid value 9223372036854776000 (out of bound <=65535) (fix: the value must be >= 1, be <= 65535 (Port the container listens on; the Service exposes it))`,
  );
  await page.screenshot({
    path: screenshotPath('register-oam-error'),
    fullPage: true,
  });
});
