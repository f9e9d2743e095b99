import fs from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { defaultPaths } from './paths';

/** One KubeVela ComponentDefinition with its CUE template split into imports and body. */
export interface ComponentDefinition {
  /** Component type name, e.g. `realtime-platform`. */
  name: string;
  /** `definition.oam.dev/description` annotation. */
  description: string;
  /** The full CUE template. */
  template: string;
  /** Import paths of the template (e.g. `strings`). */
  imports: string[];
  /** The template without its import declarations. */
  body: string;
}

const IMPORT_BLOCK = /^import\s*\(([\s\S]*?)\)\s*$/m;
const IMPORT_LINE = /^import\s+"([^"]+)"\s*$/gm;

/** Splits a CUE template into its imports and the remaining body. */
export function splitImports(template: string): {
  imports: string[];
  body: string;
} {
  const imports: string[] = [];
  let body = template.replace(IMPORT_BLOCK, (_m, inner: string) => {
    for (const m of inner.matchAll(/"([^"]+)"/g)) imports.push(m[1]);
    return '';
  });
  body = body.replace(IMPORT_LINE, (_m, p: string) => {
    imports.push(p);
    return '';
  });
  return { imports, body };
}

/** Parses the ComponentDefinitions file (default `platform/realtime-component-definitions.yaml`). */
export function loadDefinitions(
  file: string = defaultPaths().definitions,
): Map<string, ComponentDefinition> {
  const defs = new Map<string, ComponentDefinition>();
  for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
    const obj = doc.toJS() as {
      kind?: unknown;
      metadata: { name: string; annotations?: Record<string, string> };
      spec?: { schematic?: { cue?: { template?: unknown } } };
    } | null;
    if (obj?.kind !== 'ComponentDefinition') continue;
    const template = obj.spec?.schematic?.cue?.template;
    if (typeof template !== 'string') {
      throw new Error(
        `${file}: ComponentDefinition ${obj.metadata?.name} has no schematic.cue.template`,
      );
    }
    defs.set(obj.metadata.name, {
      name: obj.metadata.name,
      description:
        obj.metadata.annotations?.['definition.oam.dev/description'] ?? '',
      template,
      ...splitImports(template),
    });
  }
  return defs;
}
