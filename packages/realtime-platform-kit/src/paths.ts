import fs from 'node:fs';
import path from 'node:path';

/** Locations of the platform files and tools the kit uses. */
export interface KitPaths {
  /** Repository root (the directory holding `platform/`). */
  root: string;
  /** `platform/realtime-component-definitions.yaml` */
  definitions: string;
  /** `platform/realtime-compositions.yaml` */
  compositions: string;
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
      throw new Error(
        `cannot find platform/realtime-component-definitions.yaml above ${start}`,
      );
    }
    dir = parent;
  }
}

/** Default paths, relative to the repository root. */
export function defaultPaths(root: string = findRoot()): KitPaths {
  return {
    root,
    definitions: path.join(
      root,
      'platform',
      'realtime-component-definitions.yaml',
    ),
    compositions: path.join(root, 'platform', 'realtime-compositions.yaml'),
  };
}

function findTool(envVar: string, name: string, root: string): string {
  const fromEnv = process.env[envVar];
  if (fromEnv) {
    if (fs.existsSync(fromEnv)) return fromEnv;
    throw new Error(
      `${name} not found at $${envVar}=${fromEnv}: run \`make setup\` (scripts/setup.sh) to install it, or unset ${envVar}`,
    );
  }
  const local = path.join(root, '.tools', 'bin', name);
  if (fs.existsSync(local)) return local;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  throw new Error(
    `${name} not found (looked at $${envVar}, ${local} and PATH): run \`make setup\` (scripts/setup.sh) to install it`,
  );
}

/** The cue binary: `$CUE_BIN`, else `<root>/.tools/bin/cue`, else `cue` on PATH. */
export function cueBinary(root: string = findRoot()): string {
  return findTool('CUE_BIN', 'cue', root);
}

/** The composition renderer built from tools/composition-render. */
export function compositionRenderBinary(root: string = findRoot()): string {
  return findTool('COMPOSITION_RENDER_BIN', 'composition-render', root);
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
