// Loads the realtime-platform kit (TypeScript sources, run through Backstage's node transform,
// like packages/realtime-platform-kit/bin/realtime-kit does) and renders the documented examples.
const path = require('node:path');
const fs = require('node:fs');

const REPO = path.resolve(__dirname, '..', '..', '..');
require('@backstage/cli/config/nodeTransform.cjs');
// eslint-disable-next-line import/no-dynamic-require
const kitModule = require(path.join(REPO, 'packages/realtime-platform-kit/src'));

/** The example applications the architecture pages and the guide are checked against. */
const EXAMPLES = [
  'platform/examples/MINIMAL-REALTIME-OAM.yaml',
  'platform/examples/REALTIME-OAM-EXAMPLE.yaml',
  ...fs
    .readdirSync(path.join(REPO, 'docs/user-guide/examples'))
    .filter(f => /\.ya?ml$/.test(f))
    .sort()
    .map(f => `docs/user-guide/examples/${f}`),
];

let kit;
/** The repository's kit (definitions, composition). */
function getKit() {
  kit ??= kitModule.createKit({ paths: { root: REPO } });
  return kit;
}

/** Validates and renders files (repo-relative); throws with every issue when one is invalid. */
async function renderFiles(files) {
  const results = await getKit().validateFiles(files.map(f => path.join(REPO, f)));
  const bad = results.filter(r => !r.valid);
  if (bad.length) {
    throw new Error(
      bad.flatMap(r => r.issues.map(i => kitModule.formatIssue(i))).join('\n'),
    );
  }
  return results.map((r, i) => ({ file: files[i], ...r.result }));
}

/** Same as renderFiles for in-memory application texts. */
async function renderTexts(texts) {
  const results = await getKit().validateTexts(texts);
  const bad = results.filter(r => !r.valid);
  if (bad.length) {
    throw new Error(
      bad.flatMap(r => r.issues.map(i => kitModule.formatIssue(i))).join('\n'),
    );
  }
  return results.map(r => r.result);
}

module.exports = { REPO, EXAMPLES, kitModule, getKit, renderFiles, renderTexts };
