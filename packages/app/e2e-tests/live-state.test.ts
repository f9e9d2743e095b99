import { execFileSync } from 'node:child_process';
import { test, expect, Page } from '@playwright/test';
import { enterAsGuest, screenshotPath } from './signIn';
import { realtimeCard } from './realtimeCard';
import { docsScreenshot } from './docsScreenshot';

/*
 * The card's live state against the simulated cluster (scripts/e2e-live.sh): the comprehensive
 * example applied and Ready on kwok nodes, the composite's conditions written as Crossplane would
 * write them (Crossplane cannot run here).
 */
const PLATFORM = '/catalog/factory/component/telemetry';
const APP_NS = 'factory';
const PLATFORM_NS = 'factory--telemetry-realtime';

const kubectl = (...args: string[]) =>
  execFileSync(process.env.KUBECTL ?? 'kubectl', args, { encoding: 'utf8' });

/** The state of each part, by the part's link text. */
async function partStates(page: Page): Promise<Record<string, string>> {
  const items = realtimeCard(page)
    .getByRole('region', { name: 'Provisioned parts' })
    .getByRole('listitem');
  const states: Record<string, string> = {};
  for (const item of await items.all()) {
    const name = (await item.getByRole('link').innerText()).trim();
    states[name] = (await item.getByTestId('part-state').innerText()).trim();
  }
  return states;
}

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1280, height: 800 } });

test('the card shows the live state from the cluster: Ready, every part ready, in one request', async ({
  page,
}) => {
  const kubernetesRequests: string[] = [];
  page.on('request', r => {
    if (r.url().includes('/api/kubernetes/'))
      kubernetesRequests.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  await enterAsGuest(page);
  await page.goto(PLATFORM);
  const live = realtimeCard(page).getByRole('region', { name: 'Live state' });
  await expect(live.getByTestId('condition-Ready')).toHaveText(
    'Ready: True (Available)',
  );
  await expect(live.getByTestId('condition-Synced')).toHaveText(
    'Synced: True (ReconcileSuccess)',
  );
  await expect(
    live.getByText(/^Cluster simulated, last change /),
  ).toBeVisible();
  const states = await partStates(page);
  expect(Object.keys(states)).toHaveLength(6);
  for (const [part, state] of Object.entries(states)) {
    const [ready, desired] = state.replace(' ready', '').split('/');
    expect({ part, ready }).toEqual({ part, ready: desired });
  }
  expect(kubernetesRequests).toEqual([
    'POST /api/kubernetes/services/telemetry',
  ]);
  // The identity the backend reads with may list what the card shows, and no Secret.
  const canI = (verb: string, resource: string) => {
    const args = ['auth', 'can-i', verb, resource, '-A'];
    args.push('--as=system:serviceaccount:backstage:portal-reader');
    try {
      return kubectl(...args).trim();
    } catch (e) {
      return String((e as { stdout?: string }).stdout ?? e).trim();
    }
  };
  expect(canI('list', 'deployments.apps')).toBe('yes');
  expect(canI('list', 'realtimeplatforms.realtime.platform.example.org')).toBe(
    'yes',
  );
  expect(canI('get', 'secrets')).toBe('no');
  expect(canI('list', 'secrets')).toBe('no');
  // Lenses, three topics and the live state in one screen of 1280x800.
  expect((await realtimeCard(page).boundingBox())!.height).toBeLessThanOrEqual(
    800,
  );
  await docsScreenshot(realtimeCard(page), 'realtime-card-live');
});

test('a failing part is named, with the composite message', async ({
  page,
}) => {
  // Recreate, so the old ready pod goes; its replacement asks for a node that no node matches,
  // so it stays Pending and never becomes ready (kwok makes every scheduled pod ready).
  kubectl(
    '-n',
    PLATFORM_NS,
    'patch',
    'deployment',
    'metabase',
    '--type=merge',
    '-p',
    JSON.stringify({
      spec: {
        strategy: { type: 'Recreate', rollingUpdate: null },
        template: {
          spec: {
            nodeSelector: {
              'realtime.platform.example.org/no-such-node': 'true',
            },
          },
        },
      },
    }),
  );
  // What Crossplane then writes on the composite (it cannot run here).
  kubectl(
    '-n',
    APP_NS,
    'patch',
    'realtimeplatform',
    'telemetry',
    '--subresource=status',
    '--type=merge',
    '-p',
    JSON.stringify({
      status: {
        conditions: [
          {
            type: 'Synced',
            status: 'True',
            reason: 'ReconcileSuccess',
            lastTransitionTime: new Date()
              .toISOString()
              .replace(/\.\d+Z$/, 'Z'),
          },
          {
            type: 'Ready',
            status: 'False',
            reason: 'Creating',
            message: 'Unready resources: metabase',
            lastTransitionTime: new Date()
              .toISOString()
              .replace(/\.\d+Z$/, 'Z'),
          },
        ],
      },
    }),
  );
  await expect
    .poll(
      () =>
        kubectl(
          '-n',
          PLATFORM_NS,
          'get',
          'deployment',
          'metabase',
          '-o',
          'jsonpath={.status.readyReplicas}',
        ),
      { timeout: 60_000 },
    )
    .toBe('');

  await enterAsGuest(page);
  await page.goto(PLATFORM);
  const live = realtimeCard(page).getByRole('region', { name: 'Live state' });
  await expect(live.getByTestId('condition-Ready')).toHaveText(
    'Ready: False (Creating): Unready resources: metabase',
  );
  await expect
    .poll(async () => (await partStates(page))['Metabase (telemetry)'])
    .toBe('0/1 ready');
  await docsScreenshot(realtimeCard(page), 'realtime-card-live-failing');
});

test("the stock Kubernetes tab shows the same cluster's pods, and the failing Deployment", async ({
  page,
}) => {
  await enterAsGuest(page);
  await page.goto(`${PLATFORM}/kubernetes`);
  await expect(
    page.getByText('simulated', { exact: true }).first(),
  ).toBeVisible();
  await expect(page.getByText(/^\d+ pods$/)).toBeVisible();
  const errors = page.getByRole('row').filter({ hasText: 'metabase' });
  await expect(errors).toContainText(
    'Deployment does not have minimum availability.',
  );
  await page.screenshot({ path: screenshotPath('kubernetes-tab') });
});

test("a consumer's compact card shows its own Deployment ready, from the same cluster", async ({
  page,
}) => {
  await enterAsGuest(page);
  await page.goto('/catalog/factory/component/ingest');
  const live = realtimeCard(page).getByRole('region', { name: 'Live state' });
  await expect(live.getByTestId('workload')).toHaveText(
    /^Deployment ingest: (\d+)\/\1 ready$/,
  );
});
