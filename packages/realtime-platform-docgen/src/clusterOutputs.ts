/**
 * Captures the `kubectl get` outputs the user guide shows, from the simulated cluster (real
 * control plane, kwok nodes) with both examples applied and Ready, into the docs pages' generated/ folders;
 * with --check, fails when a committed capture differs. Pod ages and name hashes are masked
 * (they change on every run); composite conditions are the ones Crossplane would set, written by
 * the test because Crossplane cannot run here.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs packages/realtime-platform-docgen/src/clusterOutputs.ts [--check]
 */
import fs from 'node:fs';
import path from 'node:path';
import { platformNames } from '@internal/realtime-platform-contract';
import {
  clusterClient,
  createKit,
  seedExamples,
} from '@internal/realtime-platform-kit';

interface Capture {
  file: string;
  example: string;
  /** kubectl arguments, from the application namespace and the platform namespace. */
  args: (appNs: string, platformNs: string, platform: string) => string[];
}

const CAPTURES: Capture[] = [
  {
    file: 'docs/user-guide/captured/minimal-get-composite.txt',
    example: 'MINIMAL-REALTIME-OAM.yaml',
    args: ns => ['get', 'realtimeplatform', '-n', ns],
  },
  {
    file: 'docs/user-guide/captured/minimal-get-pods.txt',
    example: 'MINIMAL-REALTIME-OAM.yaml',
    args: (_, pns) => ['get', 'pods', '-n', pns],
  },
  {
    file: 'docs/user-guide/captured/comprehensive-get-pods.txt',
    example: 'REALTIME-OAM-EXAMPLE.yaml',
    args: (_, pns) => ['get', 'pods', '-n', pns],
  },
  {
    file: 'docs/operations/captured/get-composite.txt',
    example: 'REALTIME-OAM-EXAMPLE.yaml',
    args: (ns, _, p) => ['-n', ns, 'get', 'realtimeplatform', p],
  },
];

const MASKS: [RegExp, string][] = [
  [/^(\S+)-[a-z0-9]{8,10}-[a-z0-9]{5}(?=\s|$)/, '$1-<hash>-<id>'],
  [/^pvc-[0-9a-f-]{36}(?=\s|$)/, 'pvc-<uid>'],
];
const MASKED_COLUMNS = new Set(['AGE']);

/** Re-aligns a kubectl table after masking: columns are cut at the header's offsets. */
export function maskTable(output: string): string {
  const lines = output.replace(/\n$/, '').split('\n');
  const header = lines[0];
  // Header cells may hold one space (ACCESS MODES); kubectl separates columns by at least three.
  const starts = [...header.matchAll(/\S+(?: \S+)*/g)].map(m => m.index!);
  const rows = lines.map(line =>
    starts.map((s, i) => line.slice(s, starts[i + 1] ?? undefined).trim()),
  );
  const names = rows[0];
  const masked = rows.map((row, r) =>
    row.map((cell, c) => {
      if (r === 0) return cell;
      if (MASKED_COLUMNS.has(names[c])) return '<age>';
      return MASKS.reduce((v, [re, to]) => v.replace(re, to), cell);
    }),
  );
  const widths = names.map((_, c) =>
    Math.max(...masked.map(row => row[c].length)),
  );
  return `${masked
    .map(row =>
      row
        .map((cell, c) =>
          c === row.length - 1 ? cell : cell.padEnd(widths[c] + 3),
        )
        .join('')
        .trimEnd(),
    )
    .join('\n')}\n`;
}

async function main(check: boolean): Promise<number> {
  const kit = createKit();
  const client = clusterClient();
  const examples = [...new Set(CAPTURES.map(c => c.example))];
  const results = await seedExamples(kit, client, examples);
  let stale = 0;
  for (const capture of CAPTURES) {
    const result = results[examples.indexOf(capture.example)];
    const platform = result.platforms[0].component;
    const ns = result.application.namespace;
    const names = platformNames(platform, ns);
    const args = capture.args(ns, names.platformNamespace, platform);
    const text = maskTable(await client.kubectl(args));
    const file = path.join(kit.paths.root, capture.file);
    const committed = fs.existsSync(file)
      ? fs.readFileSync(file, 'utf8')
      : undefined;
    if (committed === text) continue;
    if (check) {
      stale++;
      console.error(
        `${capture.file} is stale: \`kubectl ${args.join(
          ' ',
        )}\` now prints:\n${text}`,
      );
    } else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      console.log(`wrote ${capture.file}`);
    }
  }
  if (stale)
    console.error(
      `${stale} capture(s) stale; regenerate with packages/realtime-platform-docgen/src/clusterOutputs.ts against a running control plane`,
    );
  return stale ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.includes('--check')).then(
    code => process.exit(code),
    e => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
