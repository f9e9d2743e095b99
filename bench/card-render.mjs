#!/usr/bin/env node
// Realtime-platform card bench: render time and catalog calls for 10, 100 and 1,000 related
// entities (jsdom, through the plugin's jest setup), then the plugin's added bundle size when
// two app builds are given.
//   node bench/card-render.mjs [--with <app dist> --without <app dist>]
// Build the two dists with `yarn workspace app build` with and without
// @internal/plugin-realtime-platform in packages/app/package.json.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const repo = resolve(new URL('..', import.meta.url).pathname);
const args = process.argv.slice(2);
const opt = name => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const jest = spawnSync(
  'yarn',
  [
    'backstage-cli',
    'package',
    'test',
    '--watchAll=false',
    '--roots',
    join(repo, 'bench'),
    '--testMatch',
    '**/bench/card-render.bench.tsx',
  ],
  {
    cwd: join(repo, 'plugins/realtime-platform'),
    encoding: 'utf8',
    env: process.env,
  },
);
const out = `${jest.stdout}\n${jest.stderr}`;
const table = out.match(/card render \(jsdom[\s\S]*?(?=\n\s*\n|$)/);
console.log(table ? table[0] : out);
if (jest.status !== 0) process.exit(jest.status ?? 1);

function jsSizes(dist) {
  const dir = join(dist, 'static');
  let raw = 0;
  let gzip = 0;
  let files = 0;
  let initialGzip = 0;
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.js')) continue;
    const buf = readFileSync(join(dir, f));
    const gz = gzipSync(buf, { level: 9 }).length;
    raw += buf.length;
    gzip += gz;
    files++;
    if (html.includes(`static/${f}`)) initialGzip += gz;
  }
  return { raw, gzip, files, initialGzip };
}

const withDist = opt('--with');
const withoutDist = opt('--without');
if (withDist && withoutDist) {
  const a = jsSizes(withDist);
  const b = jsSizes(withoutDist);
  const kb = n => `${(n / 1024).toFixed(1)} KiB`;
  console.log('\nbundle (all JS in dist/static, gzip -9 per file)');
  console.log(
    `  with plugin    ${kb(a.gzip)} gzip (${kb(a.raw)} raw, ${
      a.files
    } files), initial ${kb(a.initialGzip)} gzip`,
  );
  console.log(
    `  without plugin ${kb(b.gzip)} gzip (${kb(b.raw)} raw, ${
      b.files
    } files), initial ${kb(b.initialGzip)} gzip`,
  );
  console.log(
    `  added          ${kb(a.gzip - b.gzip)} gzip (${kb(
      a.raw - b.raw,
    )} raw), initial load +${kb(a.initialGzip - b.initialGzip)} gzip`,
  );
} else {
  console.log(
    '\nbundle size: pass --with <dist> --without <dist> to compare two app builds',
  );
}
