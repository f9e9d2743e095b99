#!/usr/bin/env node
// Screenshots the docs show cannot go stale: each image in docs/user-guide/img has beside it the
// visible text of the region it captured (<name>.txt, written by the browser test that takes it,
// packages/app/e2e-tests/docsScreenshot.ts). After the browser tests, --check compares that
// committed text with the text the same test wrote this run (artifacts/screenshots/<name>.txt):
// a page that changed fails until scripts/docs/refresh-screenshots.sh copies the new image and
// text. Directories can be given for the negative control (scripts/test.d/10-bad-setup.sh).
//   node scripts/docs/screenshots.mjs --check [docs-img-dir artifacts-dir]
import fs from 'node:fs';
import path from 'node:path';

const repo = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '../..',
);
const [
  flag,
  imgDir = path.join(repo, 'docs/user-guide/img'),
  shotDir = path.join(repo, 'artifacts/screenshots'),
] = process.argv.slice(2);
if (flag !== '--check') {
  console.error(
    'usage: node scripts/docs/screenshots.mjs --check [docs-img-dir artifacts-dir]',
  );
  process.exit(2);
}

const problems = [];
const images = fs.readdirSync(imgDir).filter(f => f.endsWith('.png'));
for (const image of images) {
  const name = image.replace(/\.png$/, '');
  const committed = path.join(imgDir, `${name}.txt`);
  const current = path.join(shotDir, `${name}.txt`);
  if (!fs.existsSync(committed)) {
    problems.push(
      `${name}: no ${path.relative(
        repo,
        committed,
      )} beside the image (run scripts/docs/refresh-screenshots.sh)`,
    );
    continue;
  }
  if (!fs.existsSync(current)) {
    problems.push(
      `${name}: this run wrote no ${path.relative(
        repo,
        current,
      )} (the browser test that takes it did not run, or failed)`,
    );
    continue;
  }
  const a = fs.readFileSync(committed, 'utf8').split('\n');
  const b = fs.readFileSync(current, 'utf8').split('\n');
  const line = a.findIndex((l, i) => l !== b[i]);
  if (line >= 0 || a.length !== b.length) {
    const at = line >= 0 ? line : Math.min(a.length, b.length);
    problems.push(
      `${name}: the page no longer shows what the committed screenshot shows, from line ${
        at + 1
      }\n` +
        `    screenshot: ${a[at] ?? '(end)'}\n    page now:   ${
          b[at] ?? '(end)'
        }\n` +
        '    (refresh: scripts/docs/refresh-screenshots.sh, then commit docs/user-guide/img)',
    );
  }
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`${images.length} docs screenshots match the pages they show`);
