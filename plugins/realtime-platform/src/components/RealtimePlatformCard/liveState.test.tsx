import {
  ClusterObjects,
  ObjectsByEntityResponse,
} from '@backstage/plugin-kubernetes-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { byName, loadExampleEntities } from '../../__testUtils__/entities';
import { countingCatalog, renderCard } from '../../__testUtils__/renderCard';
import { liveStateOf } from './liveState';

const examples = loadExampleEntities();
const platform = byName(examples, 'telemetry');
const PNS = 'factory--telemetry-realtime';

/** A Deployment or StatefulSet as a list response holds it: no `kind` of its own. */
const workload = (name: string, ready: number, desired = 1): any => ({
  metadata: {
    name,
    namespace: PNS,
    labels: { 'app.kubernetes.io/name': name },
  },
  spec: { replicas: desired },
  status: {
    readyReplicas: ready || undefined,
    conditions: [
      { type: 'Available', lastTransitionTime: '2026-12-04T10:00:00Z' },
    ],
  },
});

const composite = (ready: boolean) => ({
  apiVersion: 'realtime.platform.example.org/v1alpha1',
  kind: 'RealtimePlatform',
  metadata: { name: 'telemetry', namespace: 'factory' },
  status: {
    conditions: [
      {
        type: 'Synced',
        status: 'True',
        reason: 'ReconcileSuccess',
        lastTransitionTime: '2026-12-04T10:01:00Z',
      },
      ready
        ? {
            type: 'Ready',
            status: 'True',
            reason: 'Available',
            lastTransitionTime: '2026-12-04T10:02:00Z',
          }
        : {
            type: 'Ready',
            status: 'False',
            reason: 'Creating',
            message: 'Unready resources: metabase',
            lastTransitionTime: '2026-12-04T10:03:00Z',
          },
    ],
  },
});

/** The plugin's response with one cluster, `prod`, holding `objects`. */
const oneCluster = (
  objects: Partial<ClusterObjects>,
): ObjectsByEntityResponse => ({
  items: [
    {
      cluster: { name: 'prod' },
      podMetrics: [],
      errors: [],
      resources: [],
      ...objects,
    },
  ],
});

function response(
  ready: boolean,
  jobs: unknown[] = [],
): ObjectsByEntityResponse {
  return oneCluster({
    resources: [
      { type: 'customresources', resources: [composite(ready)] },
      {
        type: 'statefulsets',
        resources: [workload('kafka', 3, 3), workload('postgresql', 1)],
      },
      {
        type: 'deployments',
        resources: [
          workload('schema-registry', 2, 2),
          workload('mqtt', 1),
          workload('lenses-hq', 1),
          workload('metabase', ready ? 1 : 0),
        ],
      },
      { type: 'jobs', resources: jobs as any[] },
    ],
  });
}

const kubernetes = (answer: () => Promise<ObjectsByEntityResponse>) => ({
  getObjectsByEntity: jest.fn(
    (_request: { entity: { metadata: { name: string } } }) => answer(),
  ),
});

async function renderLive(api?: ReturnType<typeof kubernetes>) {
  await renderCard(platform, {
    catalogApi: countingCatalog(examples),
    kubernetesApi: api as any,
  });
  return within(await screen.findByRole('region', { name: 'Live state' }));
}

/** The state of each part, by the part's link text. */
const stateCells = () =>
  Object.fromEntries(
    within(screen.getByRole('region', { name: 'Provisioned parts' }))
      .getAllByRole('listitem')
      .map(item => [
        within(item).getByRole('link').textContent,
        within(item).getByTestId('part-state').textContent,
      ]),
  );

describe('live state', () => {
  it('without the Kubernetes API, says live state is off and shows the declared view', async () => {
    const live = await renderLive();
    expect(
      live.getByText(
        /^Live state is off: the portal has no Kubernetes cluster/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('part-state')).not.toBeInTheDocument();
    expect(await screen.findByText('Apache Kafka')).toBeInTheDocument();
  });

  it('with a backend that has no cluster configured (HTTP 404), says the same', async () => {
    const api = kubernetes(() =>
      Promise.reject(
        new Error(
          'Could not find the Kubernetes Backend (HTTP 404). Make sure the plugin has been fully installed.',
        ),
      ),
    );
    const live = await renderLive(api);
    expect(await live.findByText(/^Live state is off/)).toBeInTheDocument();
  });

  it('shows the conditions, each part ready of desired, the cluster and the last change, from one request', async () => {
    const api = kubernetes(async () => response(true));
    const live = await renderLive(api);
    expect(await live.findByTestId('condition-Ready')).toHaveTextContent(
      'Ready: True (Available)',
    );
    expect(live.getByTestId('condition-Synced')).toHaveTextContent(
      'Synced: True (ReconcileSuccess)',
    );
    expect(live.queryByTestId('unread')).not.toBeInTheDocument();
    expect(
      live.getByText('Cluster prod, last change 2026-12-04T10:02:00Z'),
    ).toBeInTheDocument();
    expect(await screen.findByText('3/3 ready')).toBeInTheDocument();
    expect(stateCells()).toEqual({
      'Apache Kafka (telemetry)': '3/3 ready',
      'Schema registry (telemetry)': '2/2 ready',
      'MQTT broker (telemetry)': '1/1 ready',
      'Lenses HQ (telemetry)': '1/1 ready',
      'Metabase (telemetry)': '1/1 ready',
      'PostgreSQL (telemetry)': '1/1 ready',
    });
    expect(api.getObjectsByEntity).toHaveBeenCalledTimes(1);
    expect(api.getObjectsByEntity.mock.calls[0][0].entity.metadata.name).toBe(
      'telemetry',
    );
  });

  it('names the failing part and the message, and a failed Job with its reason; refresh asks again', async () => {
    let ready = true;
    const failedJob = {
      metadata: { name: 'topics-0123456789' },
      status: {
        conditions: [
          {
            type: 'Failed',
            status: 'True',
            reason: 'BackoffLimitExceeded',
            message: 'Job has reached the specified backoff limit',
          },
        ],
      },
    };
    const api = kubernetes(async () =>
      ready ? response(true) : response(false, [failedJob]),
    );
    const live = await renderLive(api);
    expect(await live.findByTestId('condition-Ready')).toHaveTextContent(
      'Ready: True (Available)',
    );
    ready = false;
    await userEvent.click(live.getByRole('button', { name: 'Refresh' }));
    expect(await live.findByTestId('condition-Ready')).toHaveTextContent(
      'Ready: False (Creating): Unready resources: metabase',
    );
    expect(live.getByTestId('failed-job')).toHaveTextContent(
      'Job topics-0123456789 failed: BackoffLimitExceeded: Job has reached the specified backoff limit',
    );
    expect(stateCells()['Metabase (telemetry)']).toBe('0/1 ready');
    expect(api.getObjectsByEntity).toHaveBeenCalledTimes(2);
  });

  it('loading: a progress bar while the cluster has not answered, and the declared view beside it', async () => {
    const api = kubernetes(() => new Promise(() => {}));
    const live = await renderLive(api);
    expect(await live.findByRole('progressbar')).toBeInTheDocument();
    expect(screen.queryByTestId('part-state')).not.toBeInTheDocument();
    expect(await screen.findByText('Apache Kafka')).toBeInTheDocument();
    expect(api.getObjectsByEntity).toHaveBeenCalledTimes(1);
  });

  it('not found: no cluster holds the platform', async () => {
    const live = await renderLive(kubernetes(async () => ({ items: [] })));
    expect(
      await live.findByText(/^Not found on any configured cluster/),
    ).toBeInTheDocument();
  });

  it('forbidden: names the cluster and the status', async () => {
    const live = await renderLive(
      kubernetes(async () =>
        oneCluster({
          errors: [
            {
              errorType: 'UNAUTHORIZED_ERROR',
              statusCode: 403,
              resourcePath: '/apis/apps/v1/deployments',
            },
          ],
        }),
      ),
    );
    expect(
      await live.findByText(
        /The portal may not read this platform on cluster prod/,
      ),
    ).toBeInTheDocument();
    expect(
      live.getByText(/UNAUTHORIZED_ERROR 403 on \/apis\/apps\/v1\/deployments/),
    ).toBeInTheDocument();
  });

  it('cluster unreachable: an error panel and a retry that asks again', async () => {
    const api = kubernetes(async () =>
      oneCluster({
        errors: [
          {
            errorType: 'FETCH_ERROR',
            message: 'connect ECONNREFUSED 10.0.0.1:6443',
          },
        ],
      }),
    );
    const live = await renderLive(api);
    expect(
      await live.findAllByText(
        /Cluster prod unreachable: connect ECONNREFUSED/,
      ),
    ).not.toHaveLength(0);
    await userEvent.click(live.getByRole('button', { name: 'Retry' }));
    expect(api.getObjectsByEntity).toHaveBeenCalledTimes(2);
  });

  it('a failing Kubernetes backend: an error panel with retry, and the rest of the card', async () => {
    const live = await renderLive(
      kubernetes(() => Promise.reject(new Error('Request failed with 500'))),
    );
    expect(
      await live.findAllByText(/Request failed with 500/),
    ).not.toHaveLength(0);
    expect(live.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Connection secrets' }),
    ).toBeInTheDocument();
  });

  it("a consumer's compact card shows its own Deployment's ready replicas, from one request", async () => {
    const api = kubernetes(async () =>
      oneCluster({
        resources: [
          { type: 'deployments', resources: [workload('alerting', 1, 2)] },
        ],
      }),
    );
    await renderCard(byName(examples, 'alerting'), {
      catalogApi: countingCatalog(examples),
      kubernetesApi: api as any,
    });
    const live = within(
      await screen.findByRole('region', { name: 'Live state' }),
    );
    expect(await live.findByTestId('workload')).toHaveTextContent(
      'Deployment alerting: 1/2 ready',
    );
    expect(live.queryByText(/no conditions/)).not.toBeInTheDocument();
    expect(api.getObjectsByEntity.mock.calls[0][0].entity.metadata.name).toBe(
      'alerting',
    );
  });

  it('a cluster that holds the platform but refuses one object type: the rest, and what was not read', async () => {
    const partial = response(true);
    partial.items[0].errors = [
      {
        errorType: 'UNAUTHORIZED_ERROR',
        statusCode: 403,
        resourcePath: '/apis/batch/v1/jobs',
      },
    ];
    const live = await renderLive(kubernetes(async () => partial));
    expect(await live.findByTestId('condition-Ready')).toHaveTextContent(
      'Ready: True (Available)',
    );
    expect(live.getByTestId('unread')).toHaveTextContent(
      'Not read: UNAUTHORIZED_ERROR 403 on /apis/batch/v1/jobs',
    );
  });

  it('negative control: a response without the composite shows no conditions, not Ready', () => {
    const r = response(true);
    r.items[0].resources = r.items[0].resources.filter(
      x => x.type !== 'customresources',
    );
    const state = liveStateOf(r);
    expect(state.kind === 'live' && state.conditions).toEqual([]);
  });
});
