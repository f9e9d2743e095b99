import fs from 'node:fs';
import path from 'node:path';
import {
  createKit,
  FileValidation,
  formatIssue,
  RealtimeKit,
  RenderResult,
} from '@internal/realtime-platform-kit';

/** The example application the guide and the access pages show in full. */
export const FULL_EXAMPLE = 'platform/examples/REALTIME-OAM-EXAMPLE.yaml';
/** The smallest example application. */
export const MINIMAL_EXAMPLE = 'platform/examples/MINIMAL-REALTIME-OAM.yaml';
const GUIDE_EXAMPLES = 'docs/user-guide/examples';

/** The kit of one repository, with the example applications the docs are checked against. */
export interface DocsKit {
  root: string;
  kit: RealtimeKit;
  /** Repo-relative paths of the platform's examples and the guide's use cases. */
  examples: string[];
  /** Validates and renders repo-relative files; throws with every issue when one is invalid. */
  renderFiles(files: string[]): Promise<RenderResult[]>;
  /** Same as `renderFiles` for in-memory application texts. */
  renderTexts(texts: { file: string; text: string }[]): Promise<RenderResult[]>;
}

function results(validations: FileValidation[], files: string[]) {
  const bad = validations.filter(r => !r.valid);
  if (bad.length)
    throw new Error(bad.flatMap(r => r.issues.map(formatIssue)).join('\n'));
  return validations.map((r, i) => ({ ...r.result!, file: files[i] }));
}

const kits = new Map<string, DocsKit>();

/** The docs kit of the repository at `root` (one per root: loading the definitions is not free). */
export function docsKit(root: string): DocsKit {
  const known = kits.get(root);
  if (known) return known;
  const kit = createKit({ paths: { root } });
  const guide = path.join(root, GUIDE_EXAMPLES);
  const created: DocsKit = {
    root,
    kit,
    examples: [
      MINIMAL_EXAMPLE,
      FULL_EXAMPLE,
      ...fs
        .readdirSync(guide)
        .filter(f => /\.ya?ml$/.test(f))
        .sort()
        .map(f => `${GUIDE_EXAMPLES}/${f}`),
    ],
    async renderFiles(files) {
      const v = await kit.validateFiles(files.map(f => path.join(root, f)));
      return results(v, files);
    },
    async renderTexts(texts) {
      const v = await kit.validateTexts(texts);
      return results(
        v,
        texts.map(t => t.file),
      );
    },
  };
  kits.set(root, created);
  return created;
}
