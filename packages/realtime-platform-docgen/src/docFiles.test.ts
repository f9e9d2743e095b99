import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compareDocs, describeStale, GeneratedDocs } from './docFiles';

describe('compareDocs', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'realtime-docgen-files-'));
    fs.mkdirSync(path.join(root, 'out'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const docs = (content: string): GeneratedDocs => ({
    files: new Map([['out/a.md', content]]),
    ownedDirs: [{ dir: 'out', pattern: /\.md$/ }],
    problems: [],
  });

  it('names the first differing line, a line added at the end included', () => {
    fs.writeFileSync(path.join(root, 'out/a.md'), 'one\ntwo\nadded by hand\n');
    const [stale] = compareDocs(docs('one\ntwo\n'), root);
    expect(describeStale(stale)).toBe(
      'out/a.md: stale from line 3\n    committed: added by hand\n    generated: (end of file)',
    );
  });

  it('owns only the files its pattern matches', () => {
    fs.writeFileSync(path.join(root, 'out/a.md'), 'same\n');
    fs.writeFileSync(path.join(root, 'out/b.md'), 'orphan\n');
    fs.writeFileSync(path.join(root, 'out/notes.txt'), 'not ours\n');
    expect(compareDocs(docs('same\n'), root)).toEqual([
      { file: 'out/b.md', reason: 'orphan' },
    ]);
  });
});
