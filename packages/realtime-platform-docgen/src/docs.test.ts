/**
 * The drift check on real generators: a copy of platform/ and docs/ with stale, missing and
 * orphaned generated files. (The reference's drift is in failures.test.ts: a copy has no git
 * history, so its pages' revision line differs from the committed ones.)
 */
import fs from 'node:fs';
import { copyDocs } from './__fixtures__/docsCopy';
import { runCli } from './__fixtures__/testing';
import { REGENERATE_COMMAND } from './common';

jest.setTimeout(300_000);

it('--check names every stale, missing and orphaned guide and access file', async () => {
  const copy = copyDocs();
  try {
    const args = ['--root', copy.root, '--only', 'guide,access'];
    copy.write(
      'docs/user-guide/generated/validate-minimal.txt',
      '$ realtime-kit validate platform/examples/MINIMAL-REALTIME-OAM.yaml\nvalid, I promise\n',
    );
    fs.rmSync(copy.file('docs/architecture/generated/parts.txt'));
    copy.write('docs/architecture/generated/old-table.txt', 'left behind\n');
    copy.write(
      'docs/access/index.md',
      copy
        .read('docs/access/index.md')
        .replace(/`TOPIC_[A-Z_]+`/, '`TOPIC_TYPO`'),
    );
    const { code, stderr: report } = await runCli([...args, '--check']);
    expect(code).toBe(1);
    expect(report).toContain(
      'docs/user-guide/generated/validate-minimal.txt: stale from line 2\n    committed: valid, I promise\n',
    );
    expect(report).toContain(
      'docs/architecture/generated/parts.txt: missing\n',
    );
    expect(report).toContain(
      'docs/architecture/generated/old-table.txt: not generated (remove it)\n',
    );
    expect(report).toMatch(
      /docs\/access\/index\.md: stale from line \d+\n {4}committed: .*TOPIC_TYPO/,
    );
    expect(report).toContain(`run ${REGENERATE_COMMAND}`);
    // Nothing else: the untouched generated files of the copy are current.
    expect(report.match(/^docs\/\S+: /gm)).toHaveLength(4);
  } finally {
    copy.dispose();
  }
});
