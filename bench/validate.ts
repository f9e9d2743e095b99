/**
 * What `realtime-kit validate` costs over cue itself, in two comparisons, each kit run paired
 * with a cue run (alternating, the ratio taken pair by pair):
 *
 * 1. one application (platform/examples/MINIMAL-REALTIME-OAM.yaml): wall time of a whole
 *    `packages/realtime-platform-kit/bin/realtime-kit validate <file>` process, from its start
 *    to its exit, against a whole `cue vet -c` process over the same application's CUE;
 * 2. COUNT (1,000) generated applications (names, namespaces, topics, bridges, users, sizes and
 *    service counts vary): one `realtime-kit validate <COUNT files>` process against one
 *    `cue vet -c` process over the same applications' CUE, as applications per second.
 *
 * "The same application's CUE" is the file the kit itself hands to cue: for each application and
 * component, the ComponentDefinition's CUE template (platform/realtime-component-definitions.yaml)
 * with the component's `context` and its properties as `parameter`, all in one file with the
 * templates' imports (src/cueEval.ts, buildSource). The bench records it by giving a kit a
 * `cueBinary` that copies the file of its `cue export` call (and stops the kit there). `cue
 * vet -c` of that file is the evaluation alone (the templates' rules and outputs, concrete), with
 * none of what the kit adds around it: Node start-up and the TypeScript transform, YAML and OAM
 * parsing, the parameter schemas (`cue def`, twice per component type), the Composition
 * (composition-render), the XRD and Kubernetes schema checks and the error mapping. See
 * bench/README.md.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/validate.ts [count]
 *
 * RUNS (default 5) pairs for the single application, after one warm-up pair; BATCH_RUNS
 * (default 3) pairs for the batch, without a warm-up (a kit run takes over a minute). Not a
 * test: it asserts only that every run succeeds (exit 0: every application valid).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import {
  createKit,
  cueBinary,
  findRoot,
} from '../packages/realtime-platform-kit/src';
import { application } from './applications';

const count = Number(process.argv[2] ?? 1000);
const RUNS = Number(process.env.RUNS ?? 5);
const BATCH_RUNS = Number(process.env.BATCH_RUNS ?? 3);
const root = findRoot();
const CUE = cueBinary(root);
const KIT_BIN = path.join(
  root,
  'packages/realtime-platform-kit/bin/realtime-kit',
);
const MINIMAL = path.join(root, 'platform/examples/MINIMAL-REALTIME-OAM.yaml');

/** Runs a command to completion; its wall seconds, from spawn to exit. */
function timed(cmd: string, args: string[]): number {
  const start = process.hrtime.bigint();
  const res = spawnSync(cmd, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (res.status !== 0)
    throw new Error(
      `${path.basename(cmd)} ${args[0]} exited ${res.status}: ${String(
        res.stderr,
      ).slice(0, 2000)}`,
    );
  return seconds;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** `median M (min A, max B)` of values shown by `unit`. */
function spread(xs: number[], unit: (v: number) => string): string {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${unit(median(s))} (min ${unit(s[0])}, max ${unit(
    s[s.length - 1],
  )})`;
}

/** A then B, `runs` times after `warmup` uncounted pairs; the ratio A/B pair by pair. */
function paired(
  runs: number,
  warmup: number,
  a: () => number,
  b: () => number,
) {
  for (let i = 0; i < warmup; i++) {
    a();
    b();
  }
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < runs; i++) {
    as.push(a());
    bs.push(b());
  }
  return { a: as, b: bs, ratio: as.map((v, i) => v / bs[i]) };
}

/**
 * The CUE file the kit gives `cue export` when it validates `files` in one call, recorded by a
 * cue wrapper passed as the kit's `cueBinary` that copies the file and stops the kit there (the
 * timed runs and `cue vet` then show that every application is valid).
 */
async function kitCue(files: string[], dir: string, name: string) {
  const cueFile = path.join(dir, name);
  const wrapper = path.join(dir, `record-${name}`);
  fs.writeFileSync(
    wrapper,
    `#!/bin/sh\nif [ "$1" = export ]; then cp "$2" "${cueFile}"; exit 3; fi\nexec "${CUE}" "$@"\n`,
    { mode: 0o755 },
  );
  await createKit({ cueBinary: wrapper })
    .validateFiles(files)
    .catch(() => undefined);
  if (!fs.existsSync(cueFile))
    throw new Error(
      `the kit did not run \`cue export <file>\` for ${files.length} application(s): update bench/validate.ts to how src/cueEval.ts calls cue`,
    );
  return cueFile;
}

const ms = (s: number) => `${(s * 1000).toFixed(0)} ms`;
const times = (r: number) => `${r.toFixed(1)}x`;
const perSecond = (s: number) => `${(count / s).toFixed(1)} applications/s`;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-bench-'));
  try {
    const files = Array.from({ length: count }, (_, i) => {
      const f = path.join(dir, `app-${i}.yaml`);
      fs.writeFileSync(f, stringify(application(i)));
      return f;
    });
    const oneCue = await kitCue([MINIMAL], dir, 'minimal.cue');
    const batchCue = await kitCue(files, dir, 'batch.cue');
    const version = spawnSync(CUE, ['version'], { encoding: 'utf8' })
      .stdout.split('\n')[0]
      .trim();
    process.stdout.write(
      `wall time of whole processes, kit and cue runs alternating; ${version}\n`,
    );

    const one = paired(
      RUNS,
      1,
      () => timed(KIT_BIN, ['validate', MINIMAL]),
      () => timed(CUE, ['vet', '-c', oneCue]),
    );
    process.stdout.write(
      `one application (${path.relative(
        root,
        MINIMAL,
      )}), ${RUNS} pairs after a warm-up pair:\n` +
        `  realtime-kit validate  ${spread(one.a, ms)}\n` +
        `  cue vet -c, same CUE   ${spread(one.b, ms)}\n` +
        `  ratio kit/cue          ${spread(one.ratio, times)}\n`,
    );

    const many = paired(
      BATCH_RUNS,
      0,
      () => timed(KIT_BIN, ['validate', ...files]),
      () => timed(CUE, ['vet', '-c', batchCue]),
    );
    process.stdout.write(
      `${count} generated applications, one process each, ${BATCH_RUNS} pairs:\n` +
        `  realtime-kit validate  ${perSecond(median(many.a))}: ${spread(
          many.a,
          ms,
        )}\n` +
        `  cue vet -c, same CUE   ${perSecond(median(many.b))}: ${spread(
          many.b,
          ms,
        )}\n` +
        `  ratio kit/cue time (cue/kit applications per second)  ${spread(
          many.ratio,
          times,
        )}\n`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(e => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
