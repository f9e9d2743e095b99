import fs from 'node:fs';
import path from 'node:path';
import {
  ComponentDefinition,
  createKit,
  flattenParameters,
  formatIssue,
  ParameterSchema,
  RealtimeKit,
  RenderResult,
  xrdOpenApiSchema,
} from '@internal/realtime-platform-kit';
import { platformStamp, Stamp } from './stamp';

/** Generation refused: the definitions lack something the reference needs. */
export class DocgenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocgenError';
  }
}

/** One valid example application of `platform/examples`. */
export interface ExampleFile {
  /** Path from the repository root, as pymdownx.snippets includes it. */
  repoPath: string;
  /** `minimal` for a file named `MINIMAL-*`, else `full`. */
  kind: 'minimal' | 'full';
  /** The application rendered through the kit. */
  result: RenderResult;
}

/** A ComponentDefinition with its parameter schema and the examples that use it. */
export interface DefinitionSource {
  definition: ComponentDefinition;
  schema: ParameterSchema;
  examples: ExampleFile[];
}

/** Everything the reference is generated from. */
export interface ReferenceSource {
  root: string;
  kit: RealtimeKit;
  definitions: DefinitionSource[];
  examples: ExampleFile[];
  /** The XRD document of `platform/realtime-compositions.yaml`. */
  xrd: XrdDocument;
  stamp: Stamp;
}

/** The parts of the CompositeResourceDefinition the reference prints. */
export interface XrdDocument {
  name: string;
  group: string;
  kind: string;
  scope: string;
  version: string;
  /** openAPIV3Schema of the served version. */
  schema: JsonSchema;
}

/** The subset of OpenAPI v3 / JSON Schema the XRD and cue produce. */
export interface JsonSchema {
  type?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  pattern?: string;
  not?: JsonSchema;
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  required?: string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
}

const EXAMPLES_DIR = 'platform/examples';

function readXrd(kit: RealtimeKit): XrdDocument {
  const xrd = kit.compositionFile.xrd;
  const version = xrd.spec.versions.find(v => v.served);
  if (!version)
    throw new Error(`XRD ${xrd.metadata.name} has no served version`);
  return {
    name: xrd.metadata.name,
    group: xrd.spec.group,
    kind: xrd.spec.names.kind,
    scope: xrd.spec.scope ?? 'Namespaced',
    version: version.name,
    schema: xrdOpenApiSchema(xrd),
  };
}

/**
 * Loads definitions, schemas (through the kit, from `cue def` and the `// +usage=` comments),
 * renders every example and computes the stamp. Throws {@link DocgenError} when a parameter has
 * no description, a definition has no example or an example does not render.
 */
export async function loadSource(root: string): Promise<ReferenceSource> {
  const kit = createKit({ paths: { root } });
  const dir = path.join(root, EXAMPLES_DIR);
  const files = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter(f => /\.ya?ml$/.test(f))
        .sort()
    : [];
  const validations = await kit.validateFiles(
    files.map(f => path.join(dir, f)),
  );
  const examples: ExampleFile[] = validations.map((v, i) => {
    if (!v.valid) {
      throw new DocgenError(
        `example ${EXAMPLES_DIR}/${files[i]} does not render:\n${v.issues
          .map(formatIssue)
          .join('\n')}`,
      );
    }
    return {
      repoPath: `${EXAMPLES_DIR}/${files[i]}`,
      kind: /^MINIMAL/i.test(files[i]) ? 'minimal' : 'full',
      result: v.result!,
    };
  });
  const definitions: DefinitionSource[] = [];
  for (const definition of kit.definitions.values()) {
    const schema = await kit.schema(definition.name);
    const undocumented = flattenParameters(schema.root).filter(
      n => n.name !== '[]' && !n.description,
    );
    if (undocumented.length) {
      throw new DocgenError(
        `definition ${definition.name}: parameter ${undocumented
          .map(n => n.path)
          .join(
            ', ',
          )} has no description: add a "// +usage=" comment above it in platform/realtime-component-definitions.yaml`,
      );
    }
    const own = examples.filter(e =>
      e.result.components.some(c => c.type === definition.name),
    );
    if (!own.length) {
      throw new DocgenError(
        `definition ${definition.name} has no example: add an application with a component of type ${definition.name} to ${EXAMPLES_DIR}/`,
      );
    }
    definitions.push({ definition, schema, examples: own });
  }
  return {
    root,
    kit,
    definitions,
    examples,
    xrd: readXrd(kit),
    stamp: platformStamp(root),
  };
}
