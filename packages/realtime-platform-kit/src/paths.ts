import fs from 'node:fs';
import path from 'node:path';

/** Locations of the platform files and tools the kit uses. */
export interface KitPaths {
  /**
   * Repository root (the directory holding `platform/`); with a configured platform directory,
   * the directory that holds it. Tool discovery looks in `<root>/.tools/bin`.
   */
  root: string;
  /** The platform directory: `<root>/platform` unless configured. */
  platformDir: string;
  /** `platform/realtime-component-definitions.yaml` */
  definitions: string;
  /** `platform/realtime-compositions.yaml` */
  compositions: string;
}

/** File names the kit reads from a platform directory. */
export const PLATFORM_FILES = {
  definitions: 'realtime-component-definitions.yaml',
  compositions: 'realtime-compositions.yaml',
} as const;

/** The kit options that name a path: {@link KitPathError.option}. */
export type KitPathOption =
  | 'platformDir'
  | 'cueBinary'
  | 'compositionRenderBinary';

/**
 * A configured path the kit cannot use, or a file or tool it could not discover. Callers that
 * take the options from configuration map {@link KitPathError.option} to their own key.
 */
export class KitPathError extends Error {
  constructor(
    /** The option the path belongs to (or would have come from). */
    readonly option: KitPathOption,
    /** The configured path; undefined when discovery failed. */
    readonly configured: string | undefined,
    /** What is wrong, e.g. `does not exist`. */
    readonly problem: string,
    /** What the option must point to. */
    readonly expected: string,
    message: string = configured === undefined
      ? problem
      : `${option} ${configured} ${problem}: set ${option} to ${expected}`,
  ) {
    super(message);
    this.name = 'KitPathError';
  }
}

const EXPECTED: Record<KitPathOption, string> = {
  platformDir: `the directory holding ${PLATFORM_FILES.definitions} and ${PLATFORM_FILES.compositions} (the repository's platform/)`,
  cueBinary:
    'the cue binary (scripts/lib.sh CUE_VERSION, installed by `make setup`)',
  compositionRenderBinary:
    'the composition-render binary built from tools/composition-render (`make setup`)',
};

/**
 * The paths of a configured platform directory (resolved against the working directory).
 * Throws {@link KitPathError} when it does not exist or lacks one of {@link PLATFORM_FILES}.
 */
export function platformDirPaths(platformDir: string): KitPaths {
  const dir = path.resolve(platformDir);
  const fail = (problem: string) =>
    new KitPathError('platformDir', platformDir, problem, EXPECTED.platformDir);
  if (!fs.existsSync(dir)) throw fail('does not exist');
  if (!fs.statSync(dir).isDirectory()) throw fail('is not a directory');
  const paths: KitPaths = {
    root: path.dirname(dir),
    platformDir: dir,
    definitions: path.join(dir, PLATFORM_FILES.definitions),
    compositions: path.join(dir, PLATFORM_FILES.compositions),
  };
  for (const name of Object.values(PLATFORM_FILES)) {
    if (!fs.existsSync(path.join(dir, name))) throw fail(`has no ${name}`);
  }
  return paths;
}

/**
 * Checks a configured tool binary: it must be an executable file. Returns its absolute path;
 * throws {@link KitPathError} naming the option otherwise.
 */
export function configuredTool(option: KitPathOption, file: string): string {
  const abs = path.resolve(file);
  const fail = (problem: string) =>
    new KitPathError(option, file, problem, EXPECTED[option]);
  if (!fs.existsSync(abs)) throw fail('does not exist');
  if (!fs.statSync(abs).isFile()) throw fail('is not a file');
  try {
    fs.accessSync(abs, fs.constants.X_OK);
  } catch {
    throw fail('is not executable');
  }
  return abs;
}

/** Finds the repository root by walking up from `start` to the directory holding `platform/`. */
// eslint-disable-next-line no-restricted-syntax -- the kit finds the platform files relative to its own sources
export function findRoot(start: string = __dirname): string {
  let dir = path.resolve(start);
  for (;;) {
    if (
      fs.existsSync(
        path.join(dir, 'platform', 'realtime-component-definitions.yaml'),
      )
    ) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new KitPathError(
        'platformDir',
        undefined,
        `cannot find platform/realtime-component-definitions.yaml above ${start}`,
        EXPECTED.platformDir,
      );
    }
    dir = parent;
  }
}

/** Default paths, relative to the repository root. */
export function defaultPaths(root: string = findRoot()): KitPaths {
  const platformDir = path.join(root, 'platform');
  return {
    root,
    platformDir,
    definitions: path.join(platformDir, PLATFORM_FILES.definitions),
    compositions: path.join(platformDir, PLATFORM_FILES.compositions),
  };
}

function findTool(
  envVar: string,
  name: string,
  root: string,
  option?: KitPathOption,
): string {
  const notFound = (message: string) =>
    option
      ? new KitPathError(option, undefined, message, EXPECTED[option])
      : new Error(message);
  const fromEnv = process.env[envVar];
  if (fromEnv) {
    if (fs.existsSync(fromEnv)) return fromEnv;
    throw notFound(
      `${name} not found at $${envVar}=${fromEnv}: run \`make setup\` (scripts/setup.sh) to install it, or unset ${envVar}`,
    );
  }
  const local = path.join(root, '.tools', 'bin', name);
  if (fs.existsSync(local)) return local;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  throw notFound(
    `${name} not found (looked at $${envVar}, ${local} and PATH): run \`make setup\` (scripts/setup.sh) to install it`,
  );
}

/**
 * The cue binary: `configured` (the kit's `cueBinary` option) when given, else `$CUE_BIN`, else
 * `<root>/.tools/bin/cue`, else `cue` on PATH.
 */
export function cueBinary(
  root: string = findRoot(),
  configured?: string,
): string {
  if (configured) return configuredTool('cueBinary', configured);
  return findTool('CUE_BIN', 'cue', root, 'cueBinary');
}

/**
 * The composition renderer built from tools/composition-render: `configured` (the kit's
 * `compositionRenderBinary` option) when given, else `$COMPOSITION_RENDER_BIN`, else
 * `<root>/.tools/bin/composition-render`, else on PATH.
 */
export function compositionRenderBinary(
  root: string = findRoot(),
  configured?: string,
): string {
  if (configured) return configuredTool('compositionRenderBinary', configured);
  return findTool(
    'COMPOSITION_RENDER_BIN',
    'composition-render',
    root,
    'compositionRenderBinary',
  );
}

/**
 * The directory whose `node_modules` holds `kubernetes-models` (the Kubernetes schemas the kit
 * validates objects against): `<root>` when it has them (a checkout), else the nearest one above
 * the kit's own sources (an installed kit, e.g. a production image).
 */
// eslint-disable-next-line no-restricted-syntax -- kubernetes-models is the kit's own dependency
export function modulesRoot(root: string, start: string = __dirname): string {
  const has = (dir: string) =>
    fs.existsSync(path.join(dir, 'node_modules', 'kubernetes-models'));
  if (has(root)) return root;
  let dir = path.resolve(start);
  for (;;) {
    if (has(dir)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return root;
    dir = parent;
  }
}

/**
 * tools/kubevela-cue built for one KubeVela release (label `v1.9`, `v1.10`, as in
 * scripts/setup.d/35-kubevela-cue.sh): `$KUBEVELA_CUE_V1_9_BIN` (label upper-cased, dots as
 * underscores), else `<root>/.tools/bin/kubevela-cue-<label>`, else on PATH.
 */
export function kubevelaCueBinary(
  label: string,
  root: string = findRoot(),
): string {
  const envVar = `KUBEVELA_CUE_${label
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '_')}_BIN`;
  return findTool(envVar, `kubevela-cue-${label}`, root);
}

/**
 * tools/xpkg-check (decodes a Crossplane package root with Crossplane's API types):
 * `$XPKG_CHECK_BIN`, else `<root>/.tools/bin/xpkg-check`, else on PATH.
 */
export function xpkgCheckBinary(root: string = findRoot()): string {
  return findTool('XPKG_CHECK_BIN', 'xpkg-check', root);
}
