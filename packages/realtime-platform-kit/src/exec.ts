import { spawn } from 'node:child_process';

/** Result of a finished child process. */
export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a binary with arguments and optional stdin, collecting its output. */
export function run(
  bin: string,
  args: string[],
  input?: string,
  cwd?: string,
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      cwd,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', d => out.push(d));
    child.stderr!.on('data', d => err.push(d));
    child.on('error', reject);
    child.on('close', code =>
      resolve({
        code: code ?? 1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
    if (input !== undefined) {
      // A child that exits before reading its input must surface as its exit code, not EPIPE.
      child.stdin!.on('error', () => undefined);
      child.stdin!.end(input);
    }
  });
}
