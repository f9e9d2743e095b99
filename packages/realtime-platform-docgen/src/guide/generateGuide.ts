/**
 * What the architecture pages and the user guide show from the platform's own tools, so that
 * nothing in them is pasted: the output of every `realtime-kit` command the guide shows (run
 * through the real CLI); the parts table, the prerequisites and the resources per size profile
 * (read from the definitions and the composition through the kit); the quick start's costs per
 * example and profile and its versions table; the environment variables a
 * webservice gets (the kit's connection-secret contract). Committed, and included in the pages
 * with pymdownx.snippets.
 */
import { GeneratedDocs } from '../docFiles';
import { GUIDE_OUT, runCommands } from './commands';
import { docsKit, FULL_EXAMPLE, MINIMAL_EXAMPLE } from './docsKit';
import { envVars } from './envVars';
import { partsTable } from './partsTable';
import { prerequisites } from './prerequisites';
import { costsTable, versionsTable } from './quickStart';
import { resourcesTable } from './resourcesTable';

/** Where the architecture pages' generated tables are written (repo-relative). */
export const ARCH_OUT = 'docs/architecture/generated';

/** Generates docs/user-guide/generated/* and docs/architecture/generated/* for the repository at `root`. */
export async function generateGuide(root: string): Promise<GeneratedDocs> {
  const docs = docsKit(root);
  const files = await runCommands(root);
  const [minimal, full] = await docs.renderFiles([
    MINIMAL_EXAMPLE,
    FULL_EXAMPLE,
  ]);
  files.set(`${ARCH_OUT}/parts.txt`, partsTable(full));
  files.set(`${ARCH_OUT}/resources.txt`, await resourcesTable(docs));
  files.set(
    `${ARCH_OUT}/prerequisites.txt`,
    prerequisites(docs.kit, full, minimal),
  );
  files.set(`${ARCH_OUT}/costs.txt`, await costsTable(docs));
  files.set(`${ARCH_OUT}/versions.txt`, versionsTable(docs.kit, root));
  files.set(`${GUIDE_OUT}/env-vars.txt`, await envVars(docs.kit, root));
  return {
    files,
    ownedDirs: [GUIDE_OUT, ARCH_OUT].map(dir => ({ dir, pattern: /^/ })),
    problems: [],
  };
}
