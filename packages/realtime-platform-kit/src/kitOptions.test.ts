import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createKit } from './kit';
import {
  compositionRenderBinary,
  cueBinary,
  defaultPaths,
  KitPathError,
  modulesRoot,
  PLATFORM_FILES,
} from './paths';

// Validation spawns cue and composition-render; under a parallel run they can take seconds.
jest.setTimeout(60_000);

const repo = defaultPaths();
const minimal = path.join(
  repo.platformDir,
  'examples',
  'MINIMAL-REALTIME-OAM.yaml',
);

/** Runs `fn` with environment variables set (undefined: unset), then restores them. */
function withEnv<T>(vars: Record<string, string | undefined>, fn: () => T): T {
  const saved = Object.fromEntries(
    Object.keys(vars).map(k => [k, process.env[k]]),
  );
  const apply = (v: Record<string, string | undefined>) => {
    for (const [k, value] of Object.entries(v)) {
      if (value === undefined) delete process.env[k];
      else process.env[k] = value;
    }
  };
  apply(vars);
  let result: T;
  try {
    result = fn();
  } catch (e) {
    apply(saved);
    throw e;
  }
  if (result instanceof Promise) return result.finally(() => apply(saved)) as T;
  apply(saved);
  return result;
}

function thrown(fn: () => unknown): KitPathError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(KitPathError);
    return e as KitPathError;
  }
  throw new Error('expected a KitPathError');
}

describe('kit options', () => {
  let tmp: string;
  let platformDir: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kit-options-'));
    // A copy of platform/ under another name, with nothing of the repository around it.
    platformDir = path.join(tmp, 'definitions');
    fs.cpSync(repo.platformDir, platformDir, { recursive: true });
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('a configured platform directory is read instead of the repository one, and validates', async () => {
    const defs = path.join(platformDir, PLATFORM_FILES.definitions);
    fs.writeFileSync(
      defs,
      fs
        .readFileSync(defs, 'utf8')
        .replace(
          /definition\.oam\.dev\/description: .*/,
          'definition.oam.dev/description: from the copy',
        ),
    );
    const kit = createKit({ platformDir });
    expect(kit.paths).toEqual({
      root: tmp,
      platformDir,
      definitions: defs,
      compositions: path.join(platformDir, PLATFORM_FILES.compositions),
    });
    expect([...kit.definitions.values()].map(d => d.description)).toContain(
      'from the copy',
    );
    const [result] = await kit.validateFiles([minimal]);
    expect(result.issues).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.result!.platforms[0].composed.length).toBeGreaterThan(0);
  });

  it('configured binaries win over the env vars', async () => {
    const cue = cueBinary();
    const renderer = compositionRenderBinary();
    await withEnv(
      {
        CUE_BIN: '/nonexistent/cue',
        COMPOSITION_RENDER_BIN: '/nonexistent/composition-render',
      },
      async () => {
        const kit = createKit({
          platformDir,
          cueBinary: cue,
          compositionRenderBinary: renderer,
        });
        expect(kit.cueBinary()).toBe(cue);
        expect(kit.compositionRenderBinary()).toBe(renderer);
        const [result] = await kit.validateFiles([minimal]);
        expect(result.valid).toBe(true);
      },
    );
  });

  it('without options the env vars and discovery still apply', () => {
    const kit = createKit({ paths: { root: repo.root } });
    expect(kit.paths).toEqual(repo);
    expect(
      withEnv({ CUE_BIN: '/nonexistent/cue' }, () =>
        thrown(() => kit.cueBinary()),
      ).message,
    ).toBe(
      'cue not found at $CUE_BIN=/nonexistent/cue: run `make setup` (scripts/setup.sh) to install it, or unset CUE_BIN',
    );
  });

  it('a platform directory that does not exist fails the constructor naming the option and the fix', () => {
    const missing = path.join(tmp, 'nope');
    const e = thrown(() => createKit({ platformDir: missing }));
    expect(e).toMatchObject({
      option: 'platformDir',
      configured: missing,
      problem: 'does not exist',
    });
    expect(e.message).toBe(
      `platformDir ${missing} does not exist: set platformDir to the directory holding realtime-component-definitions.yaml and realtime-compositions.yaml (the repository's platform/)`,
    );
  });

  it('a platform directory without the Composition file is refused', () => {
    fs.rmSync(path.join(platformDir, PLATFORM_FILES.compositions));
    expect(thrown(() => createKit({ platformDir })).problem).toBe(
      'has no realtime-compositions.yaml',
    );
  });

  it('a configured binary that is missing or not executable is refused at construction', () => {
    expect(
      thrown(() =>
        createKit({ platformDir, cueBinary: path.join(tmp, 'cue') }),
      ),
    ).toMatchObject({ option: 'cueBinary', problem: 'does not exist' });
    const notExecutable = path.join(tmp, 'composition-render');
    fs.writeFileSync(notExecutable, '');
    expect(
      thrown(() =>
        createKit({ platformDir, compositionRenderBinary: notExecutable }),
      ),
    ).toMatchObject({
      option: 'compositionRenderBinary',
      problem: 'is not executable',
    });
  });

  it("finds the Kubernetes schemas above the kit's sources when the platform directory has none", () => {
    expect(fs.existsSync(path.join(tmp, 'node_modules'))).toBe(false);
    expect(modulesRoot(tmp)).toBe(repo.root);
    expect(modulesRoot(repo.root)).toBe(repo.root);
  });
});
