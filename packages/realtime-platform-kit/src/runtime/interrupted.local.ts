/**
 * Bad input and interruptions of `realtime-kit local up`: an application that does not validate
 * is never started; a run whose supervisor is killed half-way leaves nothing once `local down`
 * (or the next `up`) runs, and the next `up` starts cleanly. Run by
 * scripts/test.d/52-local-runtime.sh (root: the runtime makes network namespaces).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { kit } from '../__fixtures__/testing';
import { sleep } from './files';
import { readRunStatus } from './localRuntime';
import { netnsPids, runNetnses } from './network';

jest.setTimeout(300_000);

const bin = path.join(
  kit.paths.root,
  'packages',
  'realtime-platform-kit',
  'bin',
  'realtime-kit',
);
const example = (f: string) =>
  path.join(kit.paths.root, 'platform', 'examples', f);
const dir = path.join(kit.paths.root, '.tools', 'run', 'local-interrupted');
const cli = (...args: string[]) =>
  spawnSync(bin, ['local', ...args], { encoding: 'utf8' });

afterAll(() => {
  cli('down', '--dir', dir);
});

describe('realtime-kit local up', () => {
  it('never starts an application that does not validate', () => {
    fs.rmSync(dir, { recursive: true, force: true });
    const r = cli(
      'up',
      example('invalid/bridge-undeclared-topic.yaml'),
      '--dir',
      dir,
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      'local up: the application does not validate; nothing was started',
    );
    expect(r.stderr).toMatch(/mqtt\.bridges/);
    expect(readRunStatus(dir)).toBeUndefined();
  });

  it('leaves nothing running after its supervisor is killed half-way and local down runs', async () => {
    const child = spawn(
      bin,
      ['local', 'up', example('MINIMAL-REALTIME-OAM.yaml'), '--dir', dir],
      {
        stdio: 'ignore',
      },
    );
    let run = '';
    for (let i = 0; i < 120 && !run; i++) {
      await sleep(500);
      const s = readRunStatus(dir);
      if (s && s.pid === child.pid && s.pods.some(p => p.phase === 'Running'))
        run = s.run;
    }
    expect(run).not.toBe('');
    child.kill('SIGKILL');
    await new Promise(r => child.once('exit', r));
    // The pods outlive their supervisor...
    expect(runNetnses(run).flatMap(netnsPids).length).toBeGreaterThan(0);
    // ...until local down stops them by their namespaces.
    const down = cli('down', '--dir', dir);
    expect(down.stdout).toContain(`local down: run ${run} stopped`);
    expect(runNetnses(run)).toEqual([]);
  });

  it('starts cleanly in the directory of an interrupted run', async () => {
    const up = cli(
      'up',
      example('MINIMAL-REALTIME-OAM.yaml'),
      '--dir',
      dir,
      '--detach',
    );
    expect(up.stdout).toMatch(/local up: 9 pods ready/);
    const s = readRunStatus(dir)!;
    expect(s.state).toBe('ready');
    cli('down', '--dir', dir);
    expect(runNetnses(s.run)).toEqual([]);
  });
});
