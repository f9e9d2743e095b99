import { Entity } from '@backstage/catalog-model';
import { configApiRef } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { act, screen } from '@testing-library/react';
import { Component, ReactNode, useState } from 'react';
import { FuzzCase, generateCase, prng } from '../../__testUtils__/fuzz';
import { RealtimePlatformCard } from './RealtimePlatformCard';

const SEED = 20261125;
const CASES = 1000;

class CrashBoundary extends Component<
  { onCrash: (e: Error) => void; children: ReactNode },
  { crashed: boolean }
> {
  static getDerivedStateFromError() {
    return { crashed: true };
  }
  state = { crashed: false };
  componentDidCatch(error: Error) {
    this.props.onCrash(error);
  }
  render() {
    return this.state.crashed ? <div>crashed</div> : this.props.children;
  }
}

describe('RealtimePlatformCard fuzz', () => {
  it(`renders ${CASES} generated malformed entities: no crash, no secret, no unsafe link`, async () => {
    const rng = prng(SEED);
    let current: FuzzCase = generateCase(rng);
    const crashes: string[] = [];
    const store = () => catalogApiMock({ entities: current.related });
    const catalogApi = catalogApiMock.mock({
      getEntitiesByRefs: req => store().getEntitiesByRefs(req),
    });
    const config = {
      getOptionalString: (key: string) => current.config[key],
    };
    const harness: { show: (c: { entity: Entity; n: number }) => void } = {
      show: () => {},
    };
    function Harness() {
      const [state, setState] = useState({ entity: current.entity, n: 0 });
      harness.show = setState;
      return (
        <CrashBoundary
          key={state.n}
          onCrash={e => crashes.push(`case ${state.n}: ${e.stack}`)}
        >
          <EntityProvider entity={state.entity}>
            <RealtimePlatformCard />
          </EntityProvider>
        </CrashBoundary>
      );
    }
    const { container } = await renderInTestApp(
      <TestApiProvider
        apis={[
          [catalogApiRef, catalogApi],
          [configApiRef, config],
        ]}
      >
        <Harness />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );

    const leaks: string[] = [];
    const seen = {
      missing: 0,
      problems: 0,
      platform: 0,
      consumer: 0,
      unresolved: 0,
      secretKeys: 0,
      externalLinks: 0,
    };
    const unsafeLinks: string[] = [];
    for (let n = 0; n < CASES; n++) {
      if (n > 0) {
        current = generateCase(rng);
        const next = { entity: current.entity, n };
        await act(async () => harness.show(next));
      }
      await act(async () => {});
      if (!screen.queryByText('Realtime platform')) {
        crashes.push(`case ${n}: the card did not render its title`);
      }
      const html = container.innerHTML;
      for (const s of [...current.secrets, ...current.unsafe]) {
        if (html.includes(s) || html.includes(encodeURI(s))) {
          const at = html.indexOf(s);
          leaks.push(
            `case ${n}: ${html.slice(Math.max(0, at - 120), at)}[${s}]`,
          );
        }
      }
      const text = container.textContent ?? '';
      if (/Missing Annotation/i.test(text)) seen.missing++;
      if (/annotation problems?:/.test(text)) seen.problems++;
      if (screen.queryByRole('region', { name: 'Provisioned parts' })) {
        seen.platform++;
      }
      if (screen.queryByLabelText('Produces')) seen.consumer++;
      if (screen.queryAllByTestId('unresolved-ref').length) seen.unresolved++;
      if (screen.queryByTestId('kubectl-command')) seen.secretKeys++;
      if (container.querySelector('a[target="_blank"]')) seen.externalLinks++;
      container.querySelectorAll('a[href]').forEach(a => {
        const href = a.getAttribute('href')!;
        if (!/^(https?:\/\/[^/]|\/(?!\/))/.test(href)) {
          unsafeLinks.push(`case ${n}: ${href}`);
        }
      });
    }
    // The generator must reach every state, or zero leaks proves little.
    for (const [state, count] of Object.entries(seen)) {
      expect([state, count > 30]).toEqual([state, true]);
    }
    expect({ crashes, leaks, unsafeLinks }).toEqual({
      crashes: [],
      leaks: [],
      unsafeLinks: [],
    });
  }, 900_000); // ~20 s on an idle 2-core machine; generous for a loaded CI runner
});
