import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  ASSEMBLE_COMMAND,
  checkComposition,
  COMPOSITION_SOURCES_DIR,
  readCompositionSources,
  TEMPLATE_MARKER,
  writeComposition,
} from './compositionSources';
import { compositionsCommand } from './compositionsCli';
import { loadCompositionFile } from './composition';
import { findRoot } from './paths';

const root = findRoot();
const COMPOSITIONS = 'platform/realtime-compositions.yaml';

/** A repository root in a temporary directory holding copies of the Composition sources. */
function copyRoot(): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'composition-sources-'));
  fs.cpSync(
    path.join(root, COMPOSITION_SOURCES_DIR),
    path.join(tmp, COMPOSITION_SOURCES_DIR),
    { recursive: true },
  );
  fs.copyFileSync(path.join(root, COMPOSITIONS), path.join(tmp, COMPOSITIONS));
  return tmp;
}

function edit(dir: string, file: string, change: (text: string) => string) {
  const full = path.join(dir, COMPOSITION_SOURCES_DIR, file);
  const before = fs.readFileSync(full, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before);
  fs.writeFileSync(full, after);
}

describe('platform/realtime-compositions.yaml is assembled from platform/composition/', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = copyRoot();
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('the committed file equals the assembly of its sources', () => {
    // On failure the message names the stale file and the command that regenerates it.
    expect(checkComposition(root)).toEqual({
      file: COMPOSITIONS,
      stale: false,
    });
  });

  it('each template part is plain go-template text: the template is the parts, indented', () => {
    const { template } = readCompositionSources(root);
    const inline = loadCompositionFile(path.join(root, COMPOSITIONS))
      .composition.spec.pipeline[0].input?.inline?.template;
    expect(inline).toBe(
      `${template.map(p => p.text.trimEnd()).join('\n\n')}\n`,
    );
    expect(template.length).toBeGreaterThan(5);
  });

  it('negative control: a changed source makes the check fail, naming the file and the fix', () => {
    edit(tmp, 'kafka.yaml.tmpl', t =>
      t.replace('$voters := list', '$voters := list "x"'),
    );
    const drift = checkComposition(tmp);
    expect(drift.stale).toBe(true);
    expect(drift.message).toMatch(
      new RegExp(`^${COMPOSITIONS} is stale: line \\d+ differs`),
    );
    expect(drift.message).toContain(ASSEMBLE_COMMAND);

    expect(writeComposition(tmp)).toEqual({
      file: COMPOSITIONS,
      changed: true,
    });
    expect(checkComposition(tmp).stale).toBe(false);
    expect(writeComposition(tmp).changed).toBe(false);
    expect(fs.readFileSync(path.join(tmp, COMPOSITIONS), 'utf8')).toContain(
      `\n            {{- $voters := list "x" }}\n`,
    );
  });

  it('negative control: a hand edit of the generated file makes the check fail', () => {
    const file = path.join(tmp, COMPOSITIONS);
    fs.appendFileSync(file, '# hand edit\n');
    expect(checkComposition(tmp).message).toContain(`run: ${ASSEMBLE_COMMAND}`);
    fs.rmSync(file);
    expect(checkComposition(tmp).message).toBe(
      `${COMPOSITIONS} is missing: it is generated from ${COMPOSITION_SOURCES_DIR}/; run: ${ASSEMBLE_COMMAND}`,
    );
  });

  it('rejects sources it would silently drop or misplace, naming the file and the fix', () => {
    fs.writeFileSync(
      path.join(tmp, COMPOSITION_SOURCES_DIR, 'grafana.yaml.tmpl'),
      'x\n',
    );
    expect(() => checkComposition(tmp)).toThrow(
      `${COMPOSITION_SOURCES_DIR}/grafana.yaml.tmpl is not listed in ${COMPOSITION_SOURCES_DIR}/index.yaml: add it under \`documents\` or \`template\`, or delete it`,
    );
    fs.rmSync(path.join(tmp, COMPOSITION_SOURCES_DIR, 'grafana.yaml.tmpl'));

    fs.rmSync(path.join(tmp, COMPOSITION_SOURCES_DIR, 'lenses.yaml.tmpl'));
    expect(() => checkComposition(tmp)).toThrow(
      `${COMPOSITION_SOURCES_DIR}/lenses.yaml.tmpl not found: create it, or remove it from ${COMPOSITION_SOURCES_DIR}/index.yaml`,
    );

    edit(tmp, 'index.yaml', t => t.replace(/\n {2}- lenses\.yaml\.tmpl.*/, ''));
    edit(tmp, 'composition.yaml', t => t.replace(TEMPLATE_MARKER, 'x'));
    expect(() => checkComposition(tmp)).toThrow(
      `need exactly one line \`${TEMPLATE_MARKER}\` where the template goes, found 0`,
    );
  });

  it('`compositions assemble --check` exits 1 with the message on stderr when stale', async () => {
    edit(tmp, 'mqtt.yaml.tmpl', t => `${t}{{- /* changed */}}\n`);
    const stderr = jest
      .spyOn(process.stderr, 'write')
      .mockImplementation(() => true);
    const stdout = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation(() => true);
    try {
      expect(await compositionsCommand(['assemble', '--check'], tmp)).toBe(1);
      expect(String(stderr.mock.calls[0][0])).toContain(ASSEMBLE_COMMAND);
      expect(await compositionsCommand(['assemble'], tmp)).toBe(0);
      expect(await compositionsCommand(['assemble', '--check'], tmp)).toBe(0);
      expect(await compositionsCommand(['assemble', '--fix'], tmp)).toBe(
        undefined,
      );
      expect(stdout.mock.calls.map(c => String(c[0]))).toEqual([
        `${COMPOSITIONS}: written (assembled from ${COMPOSITION_SOURCES_DIR}/)\n`,
        `${COMPOSITIONS}: up to date with ${COMPOSITION_SOURCES_DIR}/\n`,
      ]);
    } finally {
      stderr.mockRestore();
      stdout.mockRestore();
    }
  });

  it('the bin runs `compositions assemble --check` on the repository', async () => {
    const bin = path.resolve(__dirname, '..', 'bin', 'realtime-kit');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [bin, 'compositions', 'assemble', '--check'],
      { env: { ...process.env, NODE_OPTIONS: '' } },
    );
    expect(stdout).toBe(
      `${COMPOSITIONS}: up to date with ${COMPOSITION_SOURCES_DIR}/\n`,
    );
  }, 60_000);
});
