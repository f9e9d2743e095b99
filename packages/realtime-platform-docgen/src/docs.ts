import { generateAccess } from './access/pages';
import { GeneratedDocs, mergeDocs } from './docFiles';
import { GenerationTimings, generateReference } from './generate';
import { docsKit } from './guide/docsKit';
import { generateGuide } from './guide/generateGuide';
import { DocgenError } from './source';

/** The generated parts of docs/, in the order they are listed. */
export const DOC_PARTS = ['reference', 'guide', 'access'] as const;

/** One generated part of docs/: `reference` (docs/reference), `guide` (the guide's and architecture pages' generated outputs), `access` (the access pages' tables). */
export type DocPart = (typeof DOC_PARTS)[number];

/** Milliseconds per phase: the reference's phases, and the total of each part. */
export type DocsTimings = Partial<GenerationTimings & Record<DocPart, number>>;

/** Where the reference pages live (repo-relative). */
export const REFERENCE_DIR = 'docs/reference';

/** The reference pages as generated docs below `dir` (repo-relative; '' for a directory of its own). */
export async function referenceDocs(
  root: string,
  dir: string,
  timings?: DocsTimings,
): Promise<GeneratedDocs> {
  const pages = await generateReference(root, timings);
  const prefix = dir ? `${dir}/` : '';
  return {
    files: new Map([...pages].map(([f, c]) => [`${prefix}${f}`, c])),
    ownedDirs: [{ dir: dir || '.', pattern: /\.md$/ }],
    problems: [],
  };
}

async function generatePart(
  part: DocPart,
  root: string,
  timings?: DocsTimings,
): Promise<GeneratedDocs> {
  const start = Date.now();
  let docs: GeneratedDocs;
  if (part === 'reference') {
    docs = await referenceDocs(root, REFERENCE_DIR, timings);
  } else {
    // Their refusals (an example that does not validate, a command that fails, a credential the
    // tables do not describe) are the same kind of error as the reference's.
    try {
      docs =
        part === 'guide'
          ? await generateGuide(root)
          : await generateAccess(docsKit(root).kit, root);
    } catch (e) {
      if (e instanceof DocgenError) throw e;
      throw new DocgenError(
        `${part}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  if (timings) timings[part] = Date.now() - start;
  return docs;
}

/**
 * Generates the given parts of docs/ for the repository at `root`, concurrently (the reference
 * mostly waits for cue, the guide for the realtime-kit processes it runs).
 */
export async function generateDocs(
  root: string,
  parts: readonly DocPart[] = DOC_PARTS,
  timings?: DocsTimings,
): Promise<GeneratedDocs> {
  return mergeDocs(
    await Promise.all(parts.map(p => generatePart(p, root, timings))),
  );
}
