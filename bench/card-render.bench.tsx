/*
 * Render-time bench of the realtime-platform card, run by card-render.mjs
 * through the plugin's jest setup (jsdom, legacy test app, in-memory catalog).
 */
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { generatedPlatform } from '../plugins/realtime-platform/src/__testUtils__/entities';
import {
  countingCatalog,
  renderCard,
  totalCatalogCalls,
} from '../plugins/realtime-platform/src/__testUtils__/renderCard';
import {
  LIST_LIMIT,
  PAGE_SIZE,
} from '../plugins/realtime-platform/src/components/RealtimePlatformCard/ShowAll';

const SIZES = [10, 100, 1000];
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const ms = (v: number) => `${v.toFixed(0).padStart(6)} ms`;

// eslint-disable-next-line jest/expect-expect -- a benchmark: it prints figures, never asserts timings
it('measures render time and catalog calls', async () => {
  const rows: string[] = [];
  let baseline = 0;
  for (const n of SIZES) {
    const first: number[] = [];
    const expand: number[] = [];
    let calls = 0;
    let refsPerCall = 0;
    for (let run = 0; run <= RUNS; run++) {
      const { platform, related } = generatedPlatform(n / 2, n / 2);
      const catalogApi = countingCatalog(related);
      const start = performance.now();
      const { container } = await renderCard(platform, { catalogApi });
      // A text probe, not findByText: its full-DOM queries would dominate the figure.
      const waitFor = async (text: string, since: number) => {
        while (!container.textContent?.includes(text)) {
          await act(() => new Promise(r => setTimeout(r, 1)));
          if (performance.now() - since > 300_000) throw new Error('timeout');
        }
        return performance.now() - since;
      };
      const shown = Math.min(n / 2, LIST_LIMIT);
      const firstView = await waitFor(`consumer-${shown - 1}`, start);
      if (screen.getAllByText('Apache Kafka').length !== shown) {
        throw new Error(`expected ${shown} parts rendered`);
      }
      let showAll = 0;
      if (n / 2 > LIST_LIMIT) {
        const clicked = performance.now();
        for (const b of screen.getAllByRole('button', { name: /^Show all/ })) {
          fireEvent.click(b);
        }
        // The first page of the whole list, with its range: `1–25 of 500`.
        showAll = await waitFor(
          `1–${Math.min(PAGE_SIZE, n / 2)} of ${n / 2}`,
          clicked,
        );
      }
      // run 0 warms up the module caches
      if (run > 0) {
        first.push(firstView);
        expand.push(showAll);
      }
      calls = totalCatalogCalls(catalogApi);
      refsPerCall =
        catalogApi.getEntitiesByRefs.mock.calls[0][0].entityRefs.length;
      cleanup();
    }
    // Ratios against the 10-entity first view of this same run (the first size).
    baseline ||= median(first);
    const base = baseline;
    const ratio = (v: number) => `${(v / base).toFixed(2)}x`;
    rows.push(
      [
        `${String(n).padStart(5)} related`,
        `first view median ${ms(median(first))} (min ${ms(
          Math.min(...first),
        )}, ${ratio(median(first))})`,
        `"show all" median ${ms(median(expand))} (${ratio(median(expand))})`,
        `catalog calls ${calls} (getEntitiesByRefs with ${refsPerCall} refs)`,
      ].join(' | '),
    );
  }
  const title = `card render (jsdom, ${RUNS} runs after 1 warm-up; first view: up to ${LIST_LIMIT} parts and ${LIST_LIMIT} consumers; "show all": the first page of ${PAGE_SIZE} of each whole list, filterable; ratios against the 10-entity first view)`;
  process.stdout.write(`\n${title}\n${rows.join('\n')}\n`);
}, 1_800_000);
