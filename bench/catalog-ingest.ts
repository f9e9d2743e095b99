/**
 * Ingests generated OAM applications through the catalog module's processor
 * (realtime-oam locations) and, in the same run, the equivalent plain
 * catalog-info files through the catalog's stock FileReaderProcessor and
 * YAML parser. Every entity of both paths then goes through the catalog's
 * stock validation (default entity policies and kind validators). Each phase
 * runs in its own process, so peak memory is that phase's.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/catalog-ingest.ts [counts...]
 *
 * Default counts: 1000 10000. Each phase runs REPS times (default 3),
 * alternating; the median time and the highest peak RSS are reported.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
  systemEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { FileReaderProcessor } from '@backstage/plugin-catalog-backend';
import {
  CatalogProcessorParser,
  CatalogProcessorResult,
  parseEntityYaml,
} from '@backstage/plugin-catalog-node';
import { stringify } from 'yaml';
import {
  entitiesFromApplicationText,
  RealtimeOamProcessor,
} from '../plugins/catalog-backend-module-realtime-platform/src';
import type { RealtimeCatalogOptions } from '../plugins/catalog-backend-module-realtime-platform/src';

const REPS = Number(process.env.REPS ?? 3);

const options: RealtimeCatalogOptions = {
  techdocsEntity: 'component:default/realtime-platform-docs',
  owner: 'group:default/realtime-platform-team',
  lifecycle: 'production',
  lensesBaseUrl: 'https://lenses.{namespace}.example.com',
  metabaseBaseUrl: 'https://metabase.{namespace}.example.com',
};

/** Application i: one platform (0-5 topics, Lenses on every third), 1-3 consumers and a plain service. */
function application(i: number): string {
  const topics = Array.from({ length: i % 6 }, (_, t) => ({
    name: `app${i}.topic-${t}`,
  }));
  const platform: Record<string, unknown> = { topics };
  if (i % 3 === 0) platform.lenses = { acceptEULA: true };
  const consumers = Array.from({ length: 1 + (i % 3) }, (_, c) => ({
    name: `svc-${c}`,
    type: 'realtime-webservice',
    properties: {
      image: `ghcr.io/example/svc-${c}:1.0.${i}`,
      realtime: 'stream',
      produces: topics.slice(0, 1).map(t => t.name),
      consumes: topics.slice(1, 3).map(t => t.name),
    },
  }));
  return stringify({
    apiVersion: 'core.oam.dev/v1beta1',
    kind: 'Application',
    metadata: { name: `app-${i}`, namespace: `team-${i % 50}` },
    spec: {
      components: [
        { name: 'stream', type: 'realtime-platform', properties: platform },
        ...consumers,
        {
          name: 'status',
          type: 'realtime-webservice',
          properties: { image: 'ghcr.io/example/status:1.0.0' },
        },
      ],
    },
  });
}

const policy = EntityPolicies.allOf([
  new SchemaValidEntityPolicy(),
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
]);
const kinds = [
  componentEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
];

async function validate(entity: Entity) {
  await policy.enforce(entity);
  for (const k of kinds) if (await k.check(entity)) return;
  throw new Error(`unvalidated kind ${entity.kind}`);
}

const stockParser: CatalogProcessorParser = async function* stockParser({
  data,
  location,
}) {
  for (const r of parseEntityYaml(data, location)) yield r;
};

function prepare(dir: string, count: number) {
  fs.mkdirSync(path.join(dir, 'oam'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'plain'), { recursive: true });
  for (let i = 0; i < count; i++) {
    const text = application(i);
    const file = path.join(dir, 'oam', `app-${i}.yaml`);
    fs.writeFileSync(file, text);
    const { entities, issues } = entitiesFromApplicationText(
      text,
      file,
      options,
    );
    if (issues.length) throw new Error(`generated app ${i} is invalid`);
    fs.writeFileSync(
      path.join(dir, 'plain', `app-${i}.yaml`),
      entities.map(e => stringify(e)).join('---\n'),
    );
  }
}

/** One phase, in a child process: ingest every file and validate every entity. */
async function phase(kind: 'module' | 'stock', dir: string, count: number) {
  const module = new RealtimeOamProcessor({
    reader: {
      readUrl: async () => {
        throw new Error('no URLs here');
      },
    } as never,
    options,
  });
  const stock = new FileReaderProcessor();
  let entities = 0;
  let errors = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const emitted: CatalogProcessorResult[] = [];
    const emit = (r: CatalogProcessorResult) => emitted.push(r);
    if (kind === 'module') {
      await module.readLocation(
        {
          type: 'realtime-oam',
          target: path.join(dir, 'oam', `app-${i}.yaml`),
        },
        false,
        emit,
      );
    } else {
      await stock.readLocation(
        { type: 'file', target: path.join(dir, 'plain', `app-${i}.yaml`) },
        false,
        emit,
        stockParser,
      );
    }
    for (const r of emitted) {
      if (r.type === 'entity') {
        await validate(r.entity);
        entities++;
      } else if (r.type === 'error') errors++;
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  process.stdout.write(
    JSON.stringify({
      entities,
      errors,
      seconds,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

interface PhaseResult {
  entities: number;
  errors: number;
  seconds: number;
  peakRssMiB: number;
}

function runPhase(kind: string, dir: string, count: number): PhaseResult {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, __filename, 'phase', kind, dir, String(count)],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (child.status !== 0)
    throw new Error(`${kind} phase failed: ${child.stderr}`);
  return JSON.parse(child.stdout);
}

const KINDS = [
  ['module', 'realtime-oam module (OAM files)    '],
  ['stock', 'stock file location (catalog-info) '],
] as const;

type Kind = (typeof KINDS)[number][0];

/** REPS runs of each phase, alternating: this machine is shared and noisy. */
function runAlternating(dir: string, count: number) {
  const runs: Record<Kind, PhaseResult[]> = { module: [], stock: [] };
  for (let rep = 0; rep < REPS; rep++) {
    for (const [kind] of KINDS) {
      const r = runPhase(kind, dir, count);
      if (r.errors) throw new Error(`${kind}: ${r.errors} processing errors`);
      runs[kind].push(r);
    }
  }
  return runs;
}

/** The run of median time, with the highest peak RSS of all runs; and every run's time, sorted. */
function summarise(runs: PhaseResult[]) {
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  const median: PhaseResult = {
    ...sorted[Math.floor(sorted.length / 2)],
    peakRssMiB: Math.max(...sorted.map(x => x.peakRssMiB)),
  };
  return { median, seconds: sorted.map(x => x.seconds) };
}

/** One table row: the median run of one path, and every run's time. */
function printRow(
  count: number,
  label: string,
  r: PhaseResult,
  seconds: number[],
) {
  console.log(
    `${String(count).padEnd(6)} | ${label} | ${String(r.entities).padStart(
      8,
    )} | ${r.seconds.toFixed(2).padStart(7)} | ${Math.round(
      r.entities / r.seconds,
    )
      .toString()
      .padStart(10)} | ${r.peakRssMiB.toFixed(0).padStart(12)} | ${seconds
      .map(x => x.toFixed(2))
      .join(' ')}`,
  );
}

/** The module's throughput and peak memory relative to the stock path's. */
function printRatio(count: number, m: PhaseResult, s: PhaseResult) {
  console.log(
    `${String(count).padEnd(6)} | ratio module/stock entities per second: ${(
      m.entities /
      m.seconds /
      (s.entities / s.seconds)
    ).toFixed(2)}; peak RSS ratio ${(m.peakRssMiB / s.peakRssMiB).toFixed(2)}`,
  );
}

/** Both paths for `count` generated applications: one row each, then the ratios. */
function benchCount(count: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-ingest-'));
  try {
    prepare(dir, count);
    const runs = runAlternating(dir, count);
    const results = {} as Record<Kind, PhaseResult>;
    for (const [kind, label] of KINDS) {
      const { median, seconds } = summarise(runs[kind]);
      results[kind] = median;
      printRow(count, label, median, seconds);
    }
    const m = results.module;
    const s = results.stock;
    if (m.entities !== s.entities) {
      throw new Error(`entity counts differ: ${m.entities} vs ${s.entities}`);
    }
    printRatio(count, m, s);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  if (process.argv[2] === 'phase') {
    await phase(
      process.argv[3] as Kind,
      process.argv[4],
      Number(process.argv[5]),
    );
    return;
  }
  const counts = process.argv.slice(2).map(Number);
  console.log(
    `catalog ingest bench (node ${process.version}, ${
      os.cpus().length
    } CPUs); each phase in its own process`,
  );
  console.log(
    'apps   | path                                | entities | median s | entities/s | peak RSS MiB | all runs (s)',
  );
  for (const count of counts.length ? counts : [1000, 10000]) {
    benchCount(count);
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
