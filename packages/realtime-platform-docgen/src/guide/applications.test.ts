/** Every OAM application docs/ shows is one the kit accepts (or rejects as the file says). */
import path from 'node:path';
import { formatIssue } from '@internal/realtime-platform-kit';
import { docs, pagesOf, read } from '../__fixtures__/guide';
import { repoRoot } from '../__fixtures__/testing';
import { codeBlocks, includes } from './docPages';

jest.setTimeout(180_000);

/** The `# expect:` messages of an application file that must be rejected. */
const expectations = (text: string) =>
  [...text.matchAll(/^# expect: (.+)$/gm)].map(m => m[1]);

it('every OAM application included or written in docs/ validates (invalid ones fail as they say)', async () => {
  const included = new Set<string>();
  const inline: { file: string; text: string }[] = [];
  for (const page of pagesOf('docs')) {
    const text = read(page);
    for (const f of includes(text))
      if (/\.ya?ml(:[\w-]+)?$/.test(f)) included.add(f.replace(/:[\w-]+$/, ''));
    for (const b of codeBlocks(text))
      if (/apiVersion:\s*core\.oam\.dev/.test(b.body))
        inline.push({ file: `${page} (inline)`, text: b.body });
  }
  // The guide includes the examples; fewer means the walk above found nothing.
  expect(included.size).toBeGreaterThanOrEqual(5);
  const files = [...included].filter(f =>
    /kind:\s*Application\b/.test(read(f)),
  );
  const invalid = files.filter(f => /^# expect: /m.test(read(f)));
  const valid = files.filter(f => !invalid.includes(f));
  const failures: string[] = [];
  const results = await docs.kit.validateFiles(
    valid.map(f => path.join(repoRoot, f)),
  );
  results.forEach((r, i) => {
    if (!r.valid)
      failures.push(`${valid[i]}: ${r.issues.map(formatIssue).join('\n')}`);
  });
  const bad = await docs.kit.validateFiles(
    invalid.map(f => path.join(repoRoot, f)),
  );
  bad.forEach((r, i) => {
    if (r.valid) {
      failures.push(`${invalid[i]} is marked "# expect:" but validates`);
      return;
    }
    const messages = r.issues.map(formatIssue).join('\n');
    for (const e of expectations(read(invalid[i])))
      if (!messages.includes(e))
        failures.push(`${invalid[i]}: expected "${e}", got ${messages}`);
  });
  if (inline.length) {
    const r = await docs.kit.validateTexts(inline);
    r.forEach((x, i) => {
      if (!x.valid)
        failures.push(
          `${inline[i].file}: ${x.issues.map(formatIssue).join('\n')}`,
        );
    });
  }
  expect(failures).toEqual([]);
});
