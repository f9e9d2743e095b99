/**
 * Validates and renders 1,000 generated OAM applications through the real cue binary and the
 * Composition's Go template (tools/composition-render), in batches, and prints applications per
 * second and peak memory.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/platform-render.ts [count] [batch]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { createKit } from '../packages/realtime-platform-kit/src';
import { application } from './applications';

const count = Number(process.argv[2] ?? 1000);
const batch = Number(process.argv[3] ?? 100);

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-bench-'));
  const files = Array.from({ length: count }, (_, i) => {
    const f = path.join(dir, `app-${i}.yaml`);
    fs.writeFileSync(f, stringify(application(i)));
    return f;
  });
  const kit = createKit();
  await kit.schemas();
  const start = process.hrtime.bigint();
  let valid = 0;
  let composed = 0;
  for (let i = 0; i < files.length; i += batch) {
    for (const r of await kit.validateFiles(files.slice(i, i + batch))) {
      if (!r.valid)
        throw new Error(
          `${r.file}: ${r.issues.map(x => x.message).join('; ')}`,
        );
      valid += 1;
      composed += r.result!.platforms.reduce(
        (n, p) => n + p.composed.length,
        0,
      );
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  fs.rmSync(dir, { recursive: true, force: true });
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `${valid} applications validated and rendered (${composed} composed resources) in ${seconds.toFixed(
      2,
    )} s, batches of ${batch}\n` +
      `${(valid / seconds).toFixed(1)} applications/second\n` +
      `peak memory (node process RSS): ${peakMiB.toFixed(0)} MiB\n`,
  );
}

main().catch(e => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
