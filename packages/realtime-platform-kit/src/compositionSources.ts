import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { defaultPaths, findRoot } from './paths';

/** Directory of the sources of `platform/realtime-compositions.yaml`, relative to the root. */
export const COMPOSITION_SOURCES_DIR = 'platform/composition';

/** The file in {@link COMPOSITION_SOURCES_DIR} that lists the sources in order. */
export const COMPOSITION_INDEX = 'index.yaml';

/** The line of a document that the template parts replace (compared without indentation). */
export const TEMPLATE_MARKER =
  '{{- /* template: the parts listed in index.yaml */}}';

/** Regenerates `platform/realtime-compositions.yaml`; run from the repository root. */
export const ASSEMBLE_COMMAND =
  'packages/realtime-platform-kit/bin/realtime-kit compositions assemble';

/** One source file: its path relative to the repository root and its text. */
export interface SourceFile {
  file: string;
  text: string;
}

/** The sources of the Composition file, in the order of the index. */
export interface CompositionSources {
  /** YAML documents, joined by `---`. */
  documents: SourceFile[];
  /** Go-template sections; together they replace the {@link TEMPLATE_MARKER} line. */
  template: SourceFile[];
}

/** Result of comparing the committed Composition file with the assembly of its sources. */
export interface CompositionDrift {
  /** The assembled file, relative to the repository root. */
  file: string;
  stale: boolean;
  /** Why it is stale and the command that fixes it; absent when up to date. */
  message?: string;
}

function rel(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

function fileList(index: unknown, key: string, indexFile: string): string[] {
  const list = (index as Record<string, unknown> | null | undefined)?.[key];
  if (
    !Array.isArray(list) ||
    !list.length ||
    list.some(f => typeof f !== 'string' || f.includes('/'))
  )
    throw new Error(
      `${indexFile}: \`${key}\` must be a non-empty list of file names in ${COMPOSITION_SOURCES_DIR}`,
    );
  return list as string[];
}

/**
 * Reads the sources listed in `platform/composition/index.yaml`. Throws, naming the file and the
 * fix, when a listed file is missing or listed twice, or a file of the directory is not listed.
 */
export function readCompositionSources(
  root: string = findRoot(),
): CompositionSources {
  const dir = path.join(root, COMPOSITION_SOURCES_DIR);
  const indexFile = `${COMPOSITION_SOURCES_DIR}/${COMPOSITION_INDEX}`;
  if (!fs.existsSync(path.join(dir, COMPOSITION_INDEX)))
    throw new Error(
      `${indexFile} not found: it lists the sources of platform/realtime-compositions.yaml`,
    );
  let index: unknown;
  try {
    index = parse(fs.readFileSync(path.join(dir, COMPOSITION_INDEX), 'utf8'));
  } catch (e) {
    throw new Error(`${indexFile}: ${e instanceof Error ? e.message : e}`);
  }
  const documents = fileList(index, 'documents', indexFile);
  const template = fileList(index, 'template', indexFile);
  const listed = [...documents, ...template];
  const twice = listed.find((f, i) => listed.indexOf(f) !== i);
  if (twice)
    throw new Error(`${indexFile}: ${twice} is listed twice: list it once`);
  const unlisted = fs
    .readdirSync(dir)
    .filter(f => f !== COMPOSITION_INDEX && !listed.includes(f));
  if (unlisted.length)
    throw new Error(
      `${COMPOSITION_SOURCES_DIR}/${unlisted[0]} is not listed in ${indexFile}: add it under \`documents\` or \`template\`, or delete it`,
    );
  const read = (f: string): SourceFile => {
    const file = `${COMPOSITION_SOURCES_DIR}/${f}`;
    if (!fs.existsSync(path.join(dir, f)))
      throw new Error(
        `${file} not found: create it, or remove it from ${indexFile}`,
      );
    return { file, text: fs.readFileSync(path.join(dir, f), 'utf8') };
  };
  return { documents: documents.map(read), template: template.map(read) };
}

/** Strips the blank lines around a template part; the assembler puts one between parts. */
function partBody(part: SourceFile): string {
  const body = part.text.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd();
  if (!body)
    throw new Error(
      `${part.file} is empty: delete it and its line in ${COMPOSITION_SOURCES_DIR}/${COMPOSITION_INDEX}`,
    );
  return body;
}

/**
 * Assembles the Composition file: the documents joined by `---`, with the line
 * {@link TEMPLATE_MARKER} replaced by the template parts, separated by one empty line and
 * indented like the marker so that they form its block scalar.
 */
export function assembleComposition(sources: CompositionSources): string {
  const text = sources.documents
    .map(d => (d.text.endsWith('\n') ? d.text : `${d.text}\n`))
    .join('---\n');
  const lines = text.split('\n');
  const at = lines
    .map((l, i) => (l.trim() === TEMPLATE_MARKER ? i : -1))
    .filter(i => i >= 0);
  if (at.length !== 1) {
    const files = sources.documents.map(d => d.file).join(' + ');
    throw new Error(
      `${files}: need exactly one line \`${TEMPLATE_MARKER}\` where the template goes, found ${at.length}`,
    );
  }
  const marker = lines[at[0]];
  const indent = marker.slice(0, marker.length - marker.trimStart().length);
  const template = sources.template
    .map(partBody)
    .join('\n\n')
    .split('\n')
    .map(l => (l ? indent + l : l));
  lines.splice(at[0], 1, ...template);
  return lines.join('\n');
}

/** Compares `platform/realtime-compositions.yaml` below `root` with the assembly of its sources. */
export function checkComposition(root: string = findRoot()): CompositionDrift {
  const target = defaultPaths(root).compositions;
  const file = rel(root, target);
  const expected = assembleComposition(readCompositionSources(root));
  if (!fs.existsSync(target))
    return {
      file,
      stale: true,
      message: `${file} is missing: it is generated from ${COMPOSITION_SOURCES_DIR}/; run: ${ASSEMBLE_COMMAND}`,
    };
  const actual = fs.readFileSync(target, 'utf8');
  if (actual === expected) return { file, stale: false };
  const a = actual.split('\n');
  const e = expected.split('\n');
  let line = 0;
  while (line < a.length && a[line] === e[line]) line++;
  return {
    file,
    stale: true,
    message: `${file} is stale: line ${
      line + 1
    } differs from the assembly of ${COMPOSITION_SOURCES_DIR}/. It is generated: make changes in ${COMPOSITION_SOURCES_DIR}/ and run: ${ASSEMBLE_COMMAND}`,
  };
}

/** Writes the assembled `platform/realtime-compositions.yaml` below `root`; tells whether it changed. */
export function writeComposition(root: string = findRoot()): {
  file: string;
  changed: boolean;
} {
  const target = defaultPaths(root).compositions;
  const text = assembleComposition(readCompositionSources(root));
  const changed =
    !fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== text;
  if (changed) fs.writeFileSync(target, text);
  return { file: rel(root, target), changed };
}
