/*
 * Render-time bench of the realtime-platform card, run by card-render.mjs
 * through the plugin's jest setup (jsdom, legacy test app, in-memory catalog).
 */
import { act, cleanup, screen } from '@testing-library/react';
import { generatedPlatform } from '../plugins/realtime-platform/src/__testUtils__/entities';
import {
  countingCatalog,
  renderCard,
  totalCatalogCalls,
} from '../plugins/realtime-platform/src/__testUtils__/renderCard';

const SIZES = [10, 100, 1000];
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

it('measures render time and catalog calls', async () => {
  const rows: string[] = [];
  for (const n of SIZES) {
    const times: number[] = [];
    let calls = 0;
    let refsPerCall = 0;
    for (let run = 0; run <= RUNS; run++) {
      const { platform, related } = generatedPlatform(n / 2, n / 2);
      const catalogApi = countingCatalog(related);
      const start = performance.now();
      const { container } = await renderCard(platform, { catalogApi });
      // A text probe, not findByText: its full-DOM queries would dominate the figure.
      const last = `consumer-${n / 2 - 1}`;
      while (!container.textContent?.includes(last)) {
        await act(() => new Promise(r => setTimeout(r, 1)));
        if (performance.now() - start > 120_000) throw new Error('timeout');
      }
      const elapsed = performance.now() - start;
      if (screen.getAllByText('Apache Kafka').length !== n / 2) {
        throw new Error(`expected ${n / 2} parts rendered`);
      }
      if (run > 0) times.push(elapsed); // run 0 warms up the module caches
      calls = totalCatalogCalls(catalogApi);
      refsPerCall =
        catalogApi.getEntitiesByRefs.mock.calls[0][0].entityRefs.length;
      cleanup();
    }
    rows.push(
      `${String(n).padStart(5)} related | median ${median(times)
        .toFixed(0)
        .padStart(5)} ms | min ${Math.min(...times)
        .toFixed(0)
        .padStart(
          5,
        )} ms | catalog calls ${calls} (getEntitiesByRefs with ${refsPerCall} refs)`,
    );
  }
  process.stdout.write(
    `\ncard render (jsdom, ${RUNS} runs after 1 warm-up; time to last consumer visible)\n${rows.join(
      '\n',
    )}\n`,
  );
}, 600_000);
