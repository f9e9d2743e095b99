import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Revision of the platform files a reference was generated from. */
export interface Stamp {
  /** sha256 over every file below `platform/` (relative path and content), hex. */
  hash: string;
  /** Number of files hashed. */
  files: number;
  /**
   * Committer date (UTC, ISO 8601) of the last commit touching `platform/`, with a note when the
   * working tree differs from it; `not committed` outside a git checkout.
   */
  date: string;
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

function git(root: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', ['-C', root, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

/** Content hash and date of `<root>/platform`; the same tree always gives the same stamp. */
export function platformStamp(root: string): Stamp {
  const dir = path.join(root, 'platform');
  const files = listFiles(dir);
  const h = crypto.createHash('sha256');
  for (const f of files) {
    h.update(`${f}\0`);
    h.update(fs.readFileSync(path.join(dir, f)));
    h.update('\0');
  }
  // %cI is the committer date; formatted in UTC so every machine prints the same string.
  const epoch = git(root, ['log', '-1', '--format=%ct', '--', 'platform']);
  let date = 'not committed';
  if (epoch) {
    date = new Date(Number(epoch) * 1000).toISOString().replace('.000Z', 'Z');
    const dirty = git(root, ['status', '--porcelain', '--', 'platform']);
    if (dirty)
      date += ' (last commit; the working tree has uncommitted changes)';
  }
  return { hash: h.digest('hex'), files: files.length, date };
}
