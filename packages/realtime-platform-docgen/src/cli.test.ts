import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from './cli';
import { REGENERATE_COMMAND } from './common';
import { GeneratedDocs } from './docFiles';
import { generateDocs } from './docs';

jest.mock('./docs', () => ({
  ...jest.requireActual('./docs'),
  generateDocs: jest.fn(),
}));

const generated = generateDocs as jest.MockedFunction<typeof generateDocs>;

/** Runs the CLI with stdout and stderr captured. */
async function cli(args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(s => {
    stdout.push(String(s));
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(s => {
    stderr.push(String(s));
    return true;
  });
  try {
    const code = await main(args);
    return { code, stdout: stdout.join(''), stderr: stderr.join('') };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('realtime-docgen generate / --check', () => {
  let root: string;
  const write = (f: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), text);
  };
  const docs = (problems: string[] = []): GeneratedDocs => ({
    files: new Map([
      ['docs/user-guide/generated/a.txt', 'a\nnew\n'],
      ['docs/user-guide/generated/b.txt', 'b\n'],
      ['docs/access/index.md', 'same\n'],
    ]),
    ownedDirs: [{ dir: 'docs/user-guide/generated', pattern: /^/ }],
    problems,
  });
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'realtime-docgen-cli-'));
    write('docs/user-guide/generated/a.txt', 'a\nold\n');
    write('docs/user-guide/generated/orphan.txt', 'x\n');
    write('docs/access/index.md', 'same\n');
    generated.mockReset();
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('--check generates every part and names each stale, missing and orphaned file with the command', async () => {
    generated.mockResolvedValue(docs());
    const { code, stderr } = await cli(['--root', root, '--check']);
    expect(generated).toHaveBeenCalledWith(
      root,
      ['reference', 'guide', 'access'],
      undefined,
    );
    expect(code).toBe(1);
    expect(stderr).toBe(
      [
        'docs/user-guide/generated/a.txt: stale from line 2',
        '    committed: old',
        '    generated: new',
        'docs/user-guide/generated/b.txt: missing',
        'docs/user-guide/generated/orphan.txt: not generated (remove it)',
        `the generated docs (reference, guide, access) are stale: run ${REGENERATE_COMMAND}`,
        '',
      ].join('\n'),
    );
    // --check writes nothing.
    expect(
      fs.readFileSync(
        path.join(root, 'docs/user-guide/generated/a.txt'),
        'utf8',
      ),
    ).toBe('a\nold\n');
  });

  it('generate writes what changed and removes orphans; --check then passes', async () => {
    generated.mockResolvedValue(docs());
    const { code, stdout } = await cli(['generate', '--root', root]);
    expect(code).toBe(0);
    expect(stdout).toContain('updated docs/user-guide/generated/orphan.txt');
    expect(stdout).toContain('updated docs/user-guide/generated/a.txt');
    expect(stdout).not.toContain('docs/access/index.md');
    expect(
      fs.readdirSync(path.join(root, 'docs/user-guide/generated')).sort(),
    ).toEqual(['a.txt', 'b.txt']);
    expect(await cli(['--root', root, '--check'])).toEqual({
      code: 0,
      stdout: '3 generated files up to date (reference, guide, access)\n',
      stderr: '',
    });
  });

  it('fails on problems found while generating, in both modes', async () => {
    generated.mockResolvedValue(docs(['a snippet reads X']));
    expect((await cli(['--root', root])).code).toBe(1);
    const checked = await cli(['--root', root, '--check']);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain('realtime-docgen: a snippet reads X');
  });

  it('--only selects parts; unknown parts and options print the usage', async () => {
    generated.mockResolvedValue(docs());
    await cli(['--root', root, '--check', '--only', 'guide,access']);
    expect(generated).toHaveBeenCalledWith(
      root,
      ['guide', 'access'],
      undefined,
    );
    for (const args of [['--only', 'guides'], ['--bogus'], ['check']])
      expect((await cli(args)).code).toBe(2);
  });
});
