import fs from 'node:fs';
import path from 'node:path';

/** A directory whose files matching `pattern` are all generated: any other is an orphan. */
export interface OwnedDir {
  /** Repo-relative (`.` for the root itself). */
  dir: string;
  /** Which file names of `dir` the generator owns. */
  pattern: RegExp;
}

/** What one generator produces. */
export interface GeneratedDocs {
  /** Repo-relative path → content. */
  files: Map<string, string>;
  ownedDirs: OwnedDir[];
  /**
   * Contradictions found while generating (a snippet reading a key the contract lacks, ...):
   * the files can be written, but the docs are wrong until these are fixed.
   */
  problems: string[];
}

/** A committed file that is not what the generators produce. */
export interface StaleFile {
  /** Repo-relative. */
  file: string;
  reason: 'missing' | 'orphan' | 'different';
  /** First differing line (1-based) and both versions of it. */
  line?: number;
  committed?: string;
  generated?: string;
}

/** Merges the output of several generators. */
export function mergeDocs(parts: GeneratedDocs[]): GeneratedDocs {
  return {
    files: new Map(parts.flatMap(p => [...p.files])),
    ownedDirs: parts.flatMap(p => p.ownedDirs),
    problems: parts.flatMap(p => p.problems),
  };
}

function orphans(docs: GeneratedDocs, root: string): string[] {
  return docs.ownedDirs.flatMap(({ dir, pattern }) => {
    const abs = path.join(root, dir);
    if (!fs.existsSync(abs)) return [];
    return fs
      .readdirSync(abs)
      .map(f => path.posix.join(dir, f))
      .filter(f => pattern.test(path.posix.basename(f)) && !docs.files.has(f))
      .sort();
  });
}

/** Lines of a text; the newline ending the last line starts no line of its own. */
const lines = (text: string) => text.replace(/\n$/, '').split('\n');

/** Compares the generated files with the committed ones below `root`. */
export function compareDocs(docs: GeneratedDocs, root: string): StaleFile[] {
  const out: StaleFile[] = [];
  for (const [file, content] of [...docs.files].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    const abs = path.join(root, file);
    if (!fs.existsSync(abs)) {
      out.push({ file, reason: 'missing' });
      continue;
    }
    const committed = fs.readFileSync(abs, 'utf8');
    if (committed === content) continue;
    const a = lines(committed);
    const b = lines(content);
    let i = 0;
    while (i < Math.max(a.length, b.length) && a[i] === b[i]) i++;
    out.push({
      file,
      reason: 'different',
      line: i + 1,
      committed: a[i],
      generated: b[i],
    });
  }
  for (const file of orphans(docs, root)) out.push({ file, reason: 'orphan' });
  return out;
}

/** Writes the generated files below `root` and removes orphans; returns the paths that changed. */
export function writeDocs(docs: GeneratedDocs, root: string): string[] {
  const changed: string[] = [];
  for (const file of orphans(docs, root)) {
    fs.rmSync(path.join(root, file));
    changed.push(file);
  }
  for (const [file, content] of docs.files) {
    const abs = path.join(root, file);
    if (fs.existsSync(abs) && fs.readFileSync(abs, 'utf8') === content)
      continue;
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
    changed.push(file);
  }
  return changed;
}

/** One line (or three, for a changed file) naming a stale file and why. */
export function describeStale(s: StaleFile): string {
  if (s.reason === 'missing') return `${s.file}: missing`;
  if (s.reason === 'orphan') return `${s.file}: not generated (remove it)`;
  return `${s.file}: stale from line ${s.line}\n    committed: ${
    s.committed ?? '(end of file)'
  }\n    generated: ${s.generated ?? '(end of file)'}`;
}
