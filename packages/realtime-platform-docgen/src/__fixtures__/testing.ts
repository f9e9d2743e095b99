import { main } from '../cli';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  compositionRenderBinary,
  cueBinary,
  findRoot,
} from '@internal/realtime-platform-kit';

/** The repository root (holding platform/ and docs/reference). */
export const repoRoot = findRoot(process.cwd());

// Copies of platform/ live outside the repository: point the kit at the repository's tools.
process.env.CUE_BIN ??= cueBinary(repoRoot);
process.env.COMPOSITION_RENDER_BIN ??= compositionRenderBinary(repoRoot);

/** A temporary root holding a copy of platform/; `edit` changes files in it. Removed by `dispose`. */
export function copyPlatform() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'realtime-docgen-'));
  fs.cpSync(path.join(repoRoot, 'platform'), path.join(root, 'platform'), {
    recursive: true,
  });
  // The kit finds its tools and the Kubernetes models below the root it is given.
  for (const dir of ['node_modules', '.tools'])
    fs.symlinkSync(path.join(repoRoot, dir), path.join(root, dir));
  return {
    root,
    /** Replaces `from` (which must occur exactly once) by `to` in a file below the root. */
    edit(file: string, from: string | RegExp, to: string) {
      const full = path.join(root, file);
      const before = fs.readFileSync(full, 'utf8');
      const count =
        typeof from === 'string'
          ? before.split(from).length - 1
          : (before.match(new RegExp(from.source, `${from.flags}g`)) ?? [])
              .length;
      if (count !== 1)
        throw new Error(`${file}: expected one ${from}, found ${count}`);
      fs.writeFileSync(full, before.replace(from, to));
    },
    dispose() {
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Runs the CLI in-process with stdout silenced and stderr captured. */
export async function runCli(
  args: string[],
): Promise<{ code: number; stderr: string }> {
  const stderr: string[] = [];
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(s => {
    stderr.push(String(s));
    return true;
  });
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    return { code: await main(args), stderr: stderr.join('') };
  } finally {
    err.mockRestore();
    out.mockRestore();
  }
}
