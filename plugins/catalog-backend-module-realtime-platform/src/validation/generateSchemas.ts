import {
  createKit,
  findRoot,
  RealtimeKit,
} from '@internal/realtime-platform-kit';
import fs from 'node:fs';
import path from 'node:path';
import { formatJson } from './formatJson';
import { inputSchema } from './inputSchema';

/** Where the generated parameter schemas are committed, relative to the repository root. */
export const SCHEMAS_DIR =
  'plugins/catalog-backend-module-realtime-platform/src/validation/schemas';

/** The command that regenerates the files in {@link SCHEMAS_DIR}. */
export const REGENERATE_SCHEMAS =
  'yarn workspace @internal/plugin-catalog-backend-module-realtime-platform generate-schemas';

/** One generated schema file: path relative to the repository root, and its text. */
export interface SchemaFile {
  file: string;
  text: string;
}

/**
 * The JSON Schema of every ComponentDefinition's properties, generated with the real cue
 * (`kit.schema(type)`, i.e. `cue def --out openapi`).
 */
export async function generateSchemas(kit: RealtimeKit): Promise<SchemaFile[]> {
  const files: SchemaFile[] = [];
  for (const type of kit.componentTypes) {
    const { openapi } = await kit.schema(type);
    const schema = {
      $comment: `Generated from the ${type} ComponentDefinition (platform/realtime-component-definitions.yaml) with cue def --out openapi. Do not edit: run ${REGENERATE_SCHEMAS}`,
      ...inputSchema(type, openapi),
    };
    files.push({
      file: `${SCHEMAS_DIR}/${type}.json`,
      text: formatJson(schema),
    });
  }
  return files;
}

const canonical = (text: string) => JSON.stringify(JSON.parse(text));

/**
 * The committed schema files under `root` that differ from what `kit` generates, missing or
 * left over, each as a message naming the file and the command that fixes it. Formatting is
 * ignored; key order is not (the fix texts list fields in the definition's order).
 */
export async function staleSchemas(
  kit: RealtimeKit,
  root: string,
): Promise<string[]> {
  const problems: string[] = [];
  const generated = await generateSchemas(kit);
  for (const { file, text } of generated) {
    const abs = path.join(root, file);
    if (!fs.existsSync(abs)) {
      problems.push(`${file} is missing: run ${REGENERATE_SCHEMAS}`);
    } else if (canonical(fs.readFileSync(abs, 'utf8')) !== canonical(text)) {
      problems.push(
        `${file} is stale (the definitions changed): run ${REGENERATE_SCHEMAS}`,
      );
    }
  }
  const expected = new Set(generated.map(g => path.basename(g.file)));
  for (const name of fs.readdirSync(path.join(root, SCHEMAS_DIR))) {
    if (name.endsWith('.json') && !expected.has(name)) {
      problems.push(
        `${SCHEMAS_DIR}/${name} has no ComponentDefinition: run ${REGENERATE_SCHEMAS}`,
      );
    }
  }
  return problems;
}

/** Writes the schema files (the `generate-schemas` script). */
export async function main(): Promise<void> {
  const root = findRoot();
  const dir = path.join(root, SCHEMAS_DIR);
  for (const name of fs.readdirSync(dir)) {
    if (name.endsWith('.json')) fs.rmSync(path.join(dir, name));
  }
  for (const { file, text } of await generateSchemas(createKit())) {
    fs.writeFileSync(path.join(root, file), text);
    process.stdout.write(`wrote ${file}\n`);
  }
}
