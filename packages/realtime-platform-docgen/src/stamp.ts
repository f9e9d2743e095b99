import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Revision of the platform files a reference was generated from. */
export interface Stamp {
  /** sha256 over every file below `platform/` (relative path and content), hex. */
  hash: string;
  /** Number of files hashed. */
  files: number;
}

function listFiles(dir: string, base = dir): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap(e => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return listFiles(full, base);
      return e.isFile()
        ? [path.relative(base, full).split(path.sep).join('/')]
        : [];
    })
    .sort();
}

/**
 * Content hash of `<root>/platform`; the same tree always gives the same stamp. It holds no
 * commit date: a page regenerated with a change to `platform/` goes into the same commit as the
 * change, and a date taken from git would make that page stale as soon as the commit exists.
 */
export function platformStamp(root: string): Stamp {
  const dir = path.join(root, 'platform');
  const files = listFiles(dir);
  const h = crypto.createHash('sha256');
  for (const f of files) {
    h.update(`${f}\0`);
    h.update(fs.readFileSync(path.join(dir, f)));
    h.update('\0');
  }
  return { hash: h.digest('hex'), files: files.length };
}
