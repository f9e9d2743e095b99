/**
 * Every kubectl command of the docs pages, run as a shell runs it against the simulated cluster
 * (real kube-apiserver, kwok nodes) with both examples applied and Ready: changes as server-side
 * dry runs, watches once (src/guide/clusterCommands.ts). A command that cannot run there (it
 * needs a container, or Crossplane's or KubeVela's resource types) is counted with its reason.
 * Run by scripts/test.d/45-control-plane.sh. Commands print secret values: this test never shows
 * a command's output, only its exit status and the first line of its error.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import {
  clusterClient,
  createKit,
  fieldAt,
  seedExamples,
  testServerCertificate,
} from '@internal/realtime-platform-kit';
import { pagesOf, read } from './__fixtures__/guide';
import { repoRoot } from './__fixtures__/testing';
import { kubectlShim, planCommand } from './guide/clusterCommands';
import { codeBlocks } from './guide/docPages';
import { pageCommands } from './guide/pageCommands';

jest.setTimeout(600_000);

const run = promisify(execFile);
const client = clusterClient();
let workdir: string;

/** The repository seen from a scratch directory that also holds the files commands read. */
function scratchRoot(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-commands-'));
  for (const entry of fs.readdirSync(repoRoot))
    fs.symlinkSync(path.join(repoRoot, entry), path.join(dir, entry));
  fs.mkdirSync(path.join(dir, '.bin'));
  fs.writeFileSync(
    path.join(dir, '.bin', 'kubectl'),
    kubectlShim(client.kubectlBinary),
    { mode: 0o755 },
  );
  const cert = testServerCertificate('mqtt');
  fs.writeFileSync(path.join(dir, 'tls.crt'), cert['tls.crt']);
  fs.writeFileSync(path.join(dir, 'tls.key'), cert['tls.key']);
  return dir;
}

/** Files a command reads with `--from-file=KEY=./file`: made with placeholder content. */
function createReadFiles(command: string) {
  for (const m of command.matchAll(/--from-file=[A-Z_]+=\.\/(\S+)/g))
    fs.writeFileSync(path.join(workdir, m[1]), 'placeholder\n');
}

/** Undefined when the command succeeds, else its exit status and first error line. */
async function failure(command: string): Promise<string | undefined> {
  createReadFiles(command);
  try {
    await run('bash', ['-o', 'pipefail', '-c', command], {
      cwd: workdir,
      env: {
        ...process.env,
        KUBECONFIG: client.kubeconfig,
        PATH: `${path.join(workdir, '.bin')}:${process.env.PATH}`,
      },
    });
    return undefined;
  } catch (e) {
    const err = e as { code?: number; stderr?: string };
    const first = (err.stderr ?? '').split('\n').find(l => l.trim()) ?? '';
    return `exit ${err.code}: ${first}`;
  }
}

/**
 * The Kubernetes objects a page asks the reader to apply (its YAML blocks of built-in kinds,
 * such as an Ingress), which its later commands then read. Blocks of Crossplane or KubeVela kinds
 * cannot be applied here.
 */
function pageManifests(text: string): string[] {
  return codeBlocks(text)
    .filter(b => ['yaml', 'yml'].includes(b.lang) && !b.body.includes('--8<--'))
    .filter(b =>
      parseAllDocuments(b.body).every(d => {
        const api = String(d.get('apiVersion') ?? '');
        const group = api.includes('/') ? api.split('/')[0] : '';
        return (
          d.get('kind') && (!group.includes('.') || group.endsWith('.k8s.io'))
        );
      }),
    )
    .map(b => b.body);
}

/** Applies (or with `verb` delete) YAML text; a failure as {@link failure} reports it. */
async function kubectlStdin(
  verb: string,
  manifest: string,
): Promise<string | undefined> {
  const file = path.join(workdir, 'page-objects.yaml');
  fs.writeFileSync(file, manifest);
  return failure(`kubectl ${verb} -f ${file}`);
}

const docsPages = () =>
  pagesOf('docs').filter(p => !p.startsWith('docs/reference/'));

beforeAll(async () => {
  await seedExamples(createKit(), client, [
    'MINIMAL-REALTIME-OAM.yaml',
    'REALTIME-OAM-EXAMPLE.yaml',
  ]);
  workdir = scratchRoot();
  // The scaling page grows a volume, which needs a StorageClass that allows it (as it says).
  await expansion(true);
});

afterAll(async () => {
  await expansion(false);
  fs.rmSync(workdir, { recursive: true, force: true });
});

async function expansion(allow: boolean) {
  const classes = await client.list('storage.k8s.io/v1', 'StorageClass');
  for (const sc of classes)
    await client.mergePatch(
      { ...sc, apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass' },
      { allowVolumeExpansion: allow },
    );
}

describe('the kubectl commands of the docs, on the simulated cluster', () => {
  it('every command that can run there succeeds; the others are counted with their reason', async () => {
    const failures: string[] = [];
    const notRun = new Map<string, number>();
    let ran = 0;
    for (const page of docsPages()) {
      const manifests = pageManifests(read(page));
      for (const m of manifests) {
        const why = await kubectlStdin('apply', m);
        if (why) failures.push(`${page}: its YAML block was refused: ${why}`);
      }
      for (const line of pageCommands(read(page))) {
        const plan = planCommand(line);
        if (!plan.run) {
          if (/^(\S+=\$\()?kubectl\s/.test(line))
            notRun.set(plan.reason, (notRun.get(plan.reason) ?? 0) + 1);
          continue;
        }
        ran++;
        const why = await failure(plan.command);
        if (why) failures.push(`${page}: \`${line}\`: ${why}`);
      }
      for (const m of manifests) await kubectlStdin('delete', m);
    }
    expect(failures).toEqual([]);
    // What the note and the docs report: how many ran, and why the others did not.
    process.stdout.write(
      `docs kubectl commands: ${ran} ran on the simulated cluster; not run: ${[
        ...notRun,
      ]
        .map(([reason, n]) => `${n} (${reason})`)
        .join(', ')}\n`,
    );
    expect(ran).toBeGreaterThan(40);
  });

  it.each([
    [
      'a key the secret lacks',
      "kubectl -n factory get secret telemetry-conn -o jsonpath='{.data.NO_SUCH_KEY}' | base64 -d",
      'is not found',
    ],
    [
      'the wrong namespace',
      'kubectl -n demo get secret telemetry-conn',
      'not found',
    ],
    [
      'a change the server refuses',
      'kubectl -n factory scale deploy no-such-service --replicas=0',
      'not found',
    ],
    [
      'a Deployment that does not exist',
      'kubectl -n factory--telemetry-realtime rollout status deploy/no-such --timeout=5s',
      'not found',
    ],
  ])('negative control: %s fails', async (_, command, message) => {
    expect(planCommand(command)).toEqual({ run: true, command });
    expect(await failure(command)).toMatch(message);
  });

  it('changes are dry runs: a docs command that scales a service leaves it as it was', async () => {
    const replicas = async () =>
      fieldAt(
        (await client.get('apps/v1', 'Deployment', 'ingest', 'factory'))!,
        'spec.replicas',
      );
    const before = await replicas();
    expect(
      await failure('kubectl -n factory scale deploy ingest --replicas=0'),
    ).toBeUndefined();
    expect(await replicas()).toBe(before);
    expect(before).toBeGreaterThan(0);
  });
});
