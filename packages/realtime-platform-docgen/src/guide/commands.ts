import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/** Where the guide's captured command outputs are written (repo-relative). */
export const GUIDE_OUT = 'docs/user-guide/generated';

/** A realtime-kit command the guide shows, and the file (in {@link GUIDE_OUT}) its output goes to. */
export interface GuideCommand {
  out: string;
  cmd: string;
}

/** Every realtime-kit command the guide shows. */
export const COMMANDS: GuideCommand[] = [
  {
    out: 'validate-minimal.txt',
    cmd: 'realtime-kit validate platform/examples/MINIMAL-REALTIME-OAM.yaml',
  },
  {
    out: 'render-minimal-kinds.txt',
    cmd: "realtime-kit render platform/examples/MINIMAL-REALTIME-OAM.yaml | grep -E '^kind: ' | sort | uniq -c",
  },
  {
    out: 'secrets-minimal.txt',
    cmd: 'realtime-kit secrets platform/examples/MINIMAL-REALTIME-OAM.yaml',
  },
  {
    out: 'validate-comprehensive.txt',
    cmd: 'realtime-kit validate platform/examples/REALTIME-OAM-EXAMPLE.yaml',
  },
  {
    out: 'render-comprehensive-connectors.txt',
    cmd: 'realtime-kit render platform/examples/REALTIME-OAM-EXAMPLE.yaml | grep -oE \'camel.source.path.topic":"[^"]*|"topics":"[^"]*\' | sort -u',
  },
  {
    out: 'secrets-comprehensive-keys.txt',
    cmd: "realtime-kit secrets platform/examples/REALTIME-OAM-EXAMPLE.yaml | grep -E '^  [a-zA-Z]+:|^    - key:|^    - [a-z]'",
  },
  {
    out: 'validate-use-cases.txt',
    cmd: 'realtime-kit validate docs/user-guide/examples/*.yaml',
  },
  {
    out: 'validate-invalid.txt',
    cmd: 'realtime-kit validate docs/user-guide/examples/invalid/*.yaml',
  },
  {
    out: 'secrets-event-driven-topics.txt',
    cmd: "realtime-kit secrets docs/user-guide/examples/event-driven-services.yaml | grep -E -A5 'key: TOPIC_' | grep -E 'key:|value:'",
  },
];

/** Commands whose non-zero exit is what the guide shows. */
const EXPECTED_TO_FAIL = /^validate-invalid/;

const run = promisify(execFile);

function kitBin(): string {
  const pkg = require.resolve('@internal/realtime-platform-kit/package.json');
  return path.join(path.dirname(pkg), 'bin', 'realtime-kit');
}

/**
 * Runs every {@link COMMANDS} entry with bash in `root`, `realtime-kit` being the kit's CLI, and
 * returns each output file (repo-relative) with the transcript the guide includes: the command,
 * what it printed and, when it failed, its exit status.
 */
export async function runCommands(root: string): Promise<Map<string, string>> {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'realtime-kit-bin-'));
  fs.writeFileSync(
    path.join(bin, 'realtime-kit'),
    `#!/bin/sh\nexec ${JSON.stringify(kitBin())} "$@"\n`,
    { mode: 0o755 },
  );
  const out = new Map<string, string>();
  try {
    // One at a time: each starts a node process and cue, and the machine may have two cores.
    for (const { cmd, out: file } of COMMANDS) {
      let printed: string;
      let status = 0;
      try {
        printed = (
          await run('bash', ['-o', 'pipefail', '-c', `${cmd} 2>&1`], {
            cwd: root,
            encoding: 'utf8',
            env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
          })
        ).stdout;
      } catch (e) {
        const err = e as { stdout?: string; code?: number | string };
        printed = err.stdout ?? '';
        status = typeof err.code === 'number' ? err.code : 1;
      }
      if (status !== 0 && !EXPECTED_TO_FAIL.test(file))
        throw new Error(`${cmd} failed (exit ${status}):\n${printed}`);
      let body = `$ ${cmd}\n${printed.replace(/\n*$/, '\n')}`;
      if (status !== 0) body += `$ echo $?\n${status}\n`;
      out.set(`${GUIDE_OUT}/${file}`, body);
    }
  } finally {
    fs.rmSync(bin, { recursive: true, force: true });
  }
  return out;
}
