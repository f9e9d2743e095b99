/**
 * @jest-environment node
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  findSecondDefinitions,
  SECOND_DEFINITION_RULES,
} from './__testUtils__/oneHome';

const root = path.resolve(__dirname, '../../..');

describe('one home for every rule', () => {
  it('no source outside the contract module derives a name, host, port, key or pattern', () => {
    expect(findSecondDefinitions(root)).toEqual([]);
  });

  it.each(SECOND_DEFINITION_RULES.map(r => [r.name, r.example]))(
    'negative control: %s is found in a source file',
    (_, example) => {
      const dir = fs.mkdtempSync(path.join(root, 'plugins', '.one-home-'));
      try {
        fs.mkdirSync(path.join(dir, 'src'));
        fs.writeFileSync(path.join(dir, 'src', 'copy.ts'), `${example}\n`);
        const found = findSecondDefinitions(root).filter(f =>
          f.startsWith(path.relative(root, dir)),
        );
        expect(found).toHaveLength(1);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
