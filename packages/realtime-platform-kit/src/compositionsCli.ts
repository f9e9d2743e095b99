import {
  checkComposition,
  COMPOSITION_SOURCES_DIR,
  writeComposition,
} from './compositionSources';

/** Usage lines of the `compositions` command, for the CLI's usage text. */
export const COMPOSITIONS_USAGE = `  compositions assemble [--check]
                        write platform/realtime-compositions.yaml from platform/composition/;
                        with --check only compare, exit 1 when it is stale`;

/**
 * `realtime-kit compositions assemble [--check]`; resolves to the exit code, or undefined for
 * arguments it does not take (the caller prints the usage). Runs before the kit is created, so a
 * broken Composition file can still be regenerated.
 */
export async function compositionsCommand(
  args: string[],
  root?: string,
): Promise<number | undefined> {
  const [verb, ...options] = args;
  const check = options.length === 1 && options[0] === '--check';
  if (verb !== 'assemble' || (options.length && !check)) return undefined;
  if (check) {
    const drift = checkComposition(root);
    if (drift.stale) {
      process.stderr.write(`${drift.message}\n`);
      return 1;
    }
    process.stdout.write(
      `${drift.file}: up to date with ${COMPOSITION_SOURCES_DIR}/\n`,
    );
    return 0;
  }
  const { file, changed } = writeComposition(root);
  process.stdout.write(
    `${file}: ${
      changed ? 'written' : 'unchanged'
    } (assembled from ${COMPOSITION_SOURCES_DIR}/)\n`,
  );
  return 0;
}
