import {
  checkPackages,
  CROSSPLANE_PACKAGE_DIR,
  GeneratedFile,
  generatePackages,
  PACKAGES_DIR,
  readPackageSources,
  staleMessage,
  VELA_ADDONS_DIR,
  writePackages,
} from './installPackages';
import {
  crossplanePackageIssues,
  treeOf,
  velaAddonIssues,
} from './installPackageRules';
import { findRoot } from './paths';

/** Usage lines of the `packages` command, for the CLI's usage text. */
export const PACKAGES_USAGE: string = `  packages generate [--check]
                        write the Crossplane Configuration package and the KubeVela addon into
                        ${PACKAGES_DIR}/ from the platform sources; with --check only compare,
                        exit 1 when one is stale`;

/** What the rules say about freshly generated packages (a source that breaks a rule). */
export function generatedPackageIssues(
  root: string,
  files: GeneratedFile[],
): string[] {
  const src = readPackageSources(root);
  return [
    ...crossplanePackageIssues(treeOf(files, CROSSPLANE_PACKAGE_DIR), src),
    ...velaAddonIssues(treeOf(files, `${VELA_ADDONS_DIR}/${src.name}`), src),
  ];
}

/**
 * `realtime-kit packages generate [--check]`; resolves to the exit code, or undefined for
 * arguments it does not take (the caller prints the usage). Generated packages are checked
 * against the packaging rules before anything is compared or written.
 */
export async function packagesCommand(
  args: string[],
  root: string = findRoot(),
): Promise<number | undefined> {
  const [verb, ...options] = args;
  const check = options.length === 1 && options[0] === '--check';
  if (verb !== 'generate' || (options.length && !check)) return undefined;
  const files = generatePackages(root);
  const issues = generatedPackageIssues(root, files);
  if (issues.length) {
    process.stderr.write(
      `the sources make packages that break the packaging rules (nothing written):\n${issues.join(
        '\n',
      )}\n`,
    );
    return 1;
  }
  if (check) {
    const stale = checkPackages(root, files);
    if (stale.length) {
      process.stderr.write(`${staleMessage(stale)}\n`);
      return 1;
    }
    process.stdout.write(
      `${PACKAGES_DIR}/: ${files.length} generated files up to date\n`,
    );
    return 0;
  }
  const changed = writePackages(root, files);
  process.stdout.write(
    changed.length
      ? `${changed.map(f => `${f}: written`).join('\n')}\n`
      : `${PACKAGES_DIR}/: unchanged\n`,
  );
  return 0;
}
