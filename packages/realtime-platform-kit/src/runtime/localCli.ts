import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { formatIssue, InvalidApplicationError } from '../issues';
import { RealtimeKit } from '../kit';
import { KubeObject } from '../types';
import { RuntimeError } from './errors';
import { execInPod } from './exec';
import { sleep } from './files';
import { LocalRuntime, readRunStatus, stopRun } from './localRuntime';

/** Usage lines of the `local` command, for the CLI's usage text. */
export const LOCAL_USAGE = `  local up <file> --dir <dir> [--secrets <file>] [--timeout <s>] [--detach]
                        run every pod the application renders to on this machine (root; a test
                        harness for the composed configuration, not a Kubernetes); returns once
                        all are ready with --detach, else runs until interrupted
  local down --dir <dir>              stop everything a run started
  local status --dir <dir>            print the run's pods (JSON)
  local exec --dir <dir> <pod> [-c <container>] -- <command...>
                        run a command in a pod of the run, in its network and environment`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function readUserSecrets(file?: string): KubeObject[] {
  if (!file) return [];
  return parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map(d => d.toJS() as KubeObject)
    .filter(o => o?.kind === 'Secret');
}

const err = (s: string) => process.stderr.write(`${s}\n`);

function reportFailure(e: unknown): number {
  if (e instanceof InvalidApplicationError) {
    e.issues.forEach(i => err(formatIssue(i)));
    err('local up: the application does not validate; nothing was started');
    return 1;
  }
  if (e instanceof RuntimeError) {
    err(`local up: ${e.message}`);
    if (e.log) err(`last log lines:\n${e.log}`);
    return 1;
  }
  throw e;
}

async function up(
  kit: RealtimeKit,
  args: string[],
  tools: string,
): Promise<number> {
  const file = args[0];
  const dir = option(args, '--dir');
  if (!file || !dir) return 2;
  if (args.includes('--detach')) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const out = fs.openSync(path.join(dir, 'supervisor.log'), 'w');
    const rest = args.filter(a => a !== '--detach');
    const child = spawn(
      process.execPath,
      [...process.execArgv, process.argv[1], 'local', 'up', ...rest],
      {
        detached: true,
        stdio: ['ignore', out, out],
      },
    );
    child.unref();
    let exited = false;
    child.on('exit', () => (exited = true));
    for (;;) {
      await sleep(500);
      const s = readRunStatus(dir);
      if (s && s.pid === child.pid && s.state === 'ready') {
        process.stdout.write(
          `local up: ${s.pods.length} pods ready (run ${s.run}, supervisor pid ${s.pid})\n`,
        );
        return 0;
      }
      if (exited) {
        process.stderr.write(
          fs.readFileSync(path.join(dir, 'supervisor.log'), 'utf8'),
        );
        return 1;
      }
    }
  }
  let runtime: LocalRuntime | undefined;
  const stop = async () => {
    await runtime?.down();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  try {
    const result = await kit.render(file);
    runtime = new LocalRuntime(result);
    await runtime.up({
      dir,
      userSecrets: readUserSecrets(option(args, '--secrets')),
      timeoutSeconds: Number(option(args, '--timeout') ?? 600),
      tools: { tools },
      log: l => process.stdout.write(`${l}\n`),
    });
  } catch (e) {
    return reportFailure(e);
  }
  await new Promise(() => undefined); // runs until SIGTERM/SIGINT
  return 0;
}

/**
 * `realtime-kit local <verb>`; resolves to the exit code, or undefined for arguments it does not
 * take (the caller prints the usage).
 */
export async function localCommand(
  kit: () => RealtimeKit,
  args: string[],
  tools: string,
): Promise<number | undefined> {
  const [verb, ...rest] = args;
  const dir = option(rest, '--dir');
  switch (verb) {
    case 'up': {
      const code = await up(kit(), rest, tools);
      return code === 2 ? undefined : code;
    }
    case 'down': {
      if (!dir) return undefined;
      const s = await stopRun(dir);
      process.stdout.write(
        s
          ? `local down: run ${s.run} stopped\n`
          : `local down: no run at ${dir}\n`,
      );
      fs.rmSync(path.join(dir, 'pods'), { recursive: true, force: true });
      return 0;
    }
    case 'status': {
      if (!dir) return undefined;
      const s = readRunStatus(dir);
      if (!s) {
        err(`local status: no run at ${dir}`);
        return 1;
      }
      process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
      return 0;
    }
    case 'exec': {
      const sep = rest.indexOf('--');
      const head = sep >= 0 ? rest.slice(0, sep) : rest;
      const pod = head.filter(
        (a, i) => !a.startsWith('-') && !['--dir', '-c'].includes(head[i - 1]),
      )[0];
      if (!dir || !pod || sep < 0) return undefined;
      try {
        const r = await execInPod(dir, pod, rest.slice(sep + 1), {
          container: option(head, '-c'),
          stdio: 'inherit',
        });
        return r.code;
      } catch (e) {
        if (e instanceof RuntimeError) {
          err(`local exec: ${e.message}`);
          return 1;
        }
        throw e;
      }
    }
    default:
      return undefined;
  }
}
