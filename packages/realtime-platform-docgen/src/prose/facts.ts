import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { RenderResult } from '@internal/realtime-platform-kit';
import { Container, manifestOf, Manifest } from '../guide/architecture';
import { ReferenceSource } from '../source';
import { allParams, paramTree } from '../tree';
import { GLOSSARY } from './glossary';

/** What exists, for the prose check to hold the docs' names against. */
export interface ProseFacts {
  /** Repo-relative paths of the files git tracks or would add. */
  files: string[];
  /** Text of the tracked files that are not Markdown (code, scripts, configuration). */
  code: string;
  makeTargets: Set<string>;
  /** Service name → its port numbers and port names, over every example. */
  services: Map<string, Set<string>>;
  /** StatefulSet name → the headless Service its pods' host names go through. */
  statefulSets: Map<string, string>;
  /** Application and platform namespaces of the examples. */
  namespaces: Set<string>;
  /** Keys of every rendered Secret and names of every container's environment variables. */
  keys: Set<string>;
  /** Every parameter path of the two definitions and of the XRD's `spec`. */
  parameters: Set<string>;
  /** First segments of those paths. */
  topLevelParameters: Set<string>;
  /** Top-level directories of the repository. */
  topDirs: Set<string>;
  /** The placeholders the glossary defines (its placeholders table). */
  placeholders: Set<string>;
}

/** The placeholders: the first column of the glossary's first table. */
function glossaryPlaceholders(root: string): Set<string> {
  const text = fs.readFileSync(path.join(root, GLOSSARY), 'utf8');
  const section =
    text.split(/^## /m).find(s => s.startsWith('Placeholders')) ?? '';
  return new Set(
    section
      .split('\n')
      .filter(l => l.startsWith('| `'))
      .flatMap(l =>
        [...l.split('|')[1].matchAll(/<[A-Za-z][\w-]*>/g)].map(m => m[0]),
      ),
  );
}

/** Tests name wrong things on purpose (negative controls), and yarn.lock names packages. */
const TESTS = /\.test\.tsx?$|\/__fixtures__\/|yarn\.lock$/;
const TEXT_FILE =
  /\.(ts|tsx|js|mjs|cjs|py|sh|ya?ml|json|tmpl|cue|go|xml|conf|txt|toml)$|(^|\/)Makefile$/;

/** The fields of a rendered object the facts read; CronJobs nest their pod one level deeper. */
type Rendered = Manifest & {
  stringData?: Record<string, string>;
  spec?: { serviceName?: string; jobTemplate?: { spec?: Manifest['spec'] } };
};

function objectsOf(results: RenderResult[]): Rendered[] {
  return results.flatMap(r => [
    ...(r.objects as Rendered[]),
    ...r.platforms.flatMap(p =>
      p.composed.flatMap(c => [c.resource as Rendered, manifestOf(c)]),
    ),
  ]);
}

function containersOf(o: Rendered): Container[] {
  const pod =
    o.spec?.template?.spec ?? o.spec?.jobTemplate?.spec?.template?.spec;
  return [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])];
}

/** Gathers the {@link ProseFacts} of the repository at `root` with its rendered examples. */
export function proseFacts(
  root: string,
  results: RenderResult[],
  source: ReferenceSource,
): ProseFacts {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
    .split('\n')
    .filter(f => f && fs.existsSync(path.join(root, f)));
  const code = files
    .filter(f => TEXT_FILE.test(f) && !TESTS.test(f))
    .map(f => fs.readFileSync(path.join(root, f), 'utf8'))
    .join('\n');
  const makefile = fs.readFileSync(path.join(root, 'Makefile'), 'utf8');
  const makeTargets = new Set(
    [...makefile.matchAll(/^([\w-]+):/gm)].map(m => m[1]),
  );

  const services = new Map<string, Set<string>>();
  const statefulSets = new Map<string, string>();
  const keys = new Set<string>();
  for (const o of objectsOf(results)) {
    if (o.kind === 'Service') {
      const ports = services.get(o.metadata.name) ?? new Set<string>();
      for (const p of o.spec?.ports ?? []) {
        ports.add(String(p.port));
        if (p.name) ports.add(p.name);
      }
      services.set(o.metadata.name, ports);
    }
    if (o.kind === 'StatefulSet')
      statefulSets.set(o.metadata.name, o.spec?.serviceName ?? '');
    if (o.kind === 'Secret')
      for (const k of Object.keys({ ...o.data, ...o.stringData })) keys.add(k);
    for (const c of containersOf(o))
      for (const e of c.env ?? []) keys.add(e.name);
  }
  const namespaces = new Set(
    results.flatMap(r => [
      r.application.namespace,
      ...r.platforms.flatMap(p =>
        p.composed.flatMap(c => manifestOf(c).metadata?.namespace ?? []),
      ),
    ]),
  );

  const trees = [
    ...source.definitions.map(d => paramTree(d.schema.openapi)),
    paramTree(source.xrd.schema.properties?.spec ?? {}),
  ];
  const parameters = new Set(trees.flatMap(t => allParams(t).map(p => p.path)));
  return {
    files,
    code,
    makeTargets,
    services,
    statefulSets,
    namespaces,
    keys,
    parameters,
    topLevelParameters: new Set([...parameters].map(p => p.split(/[.[]/)[0])),
    placeholders: glossaryPlaceholders(root),
    topDirs: new Set(
      files.filter(f => f.includes('/')).map(f => f.split('/')[0]),
    ),
  };
}
