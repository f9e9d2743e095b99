import fs from 'node:fs';
import path from 'node:path';
import { copyPlatform, repoRoot } from './testing';

/**
 * A temporary root holding copies of platform/ and docs/ (the files the docs generators read and
 * write), and the other directories the pages include from. Removed by `dispose`.
 */
export function copyDocs() {
  const copy = copyPlatform();
  fs.cpSync(path.join(repoRoot, 'docs'), path.join(copy.root, 'docs'), {
    recursive: true,
  });
  // Pages include from monitoring/; the versions table reads the control plane's go.mod.
  for (const dir of ['monitoring', 'tools'])
    fs.symlinkSync(path.join(repoRoot, dir), path.join(copy.root, dir));
  return {
    ...copy,
    /** Absolute path of a file below the copy. */
    file: (f: string) => path.join(copy.root, f),
    read: (f: string) => fs.readFileSync(path.join(copy.root, f), 'utf8'),
    write: (f: string, text: string) =>
      fs.writeFileSync(path.join(copy.root, f), text),
  };
}
