import fs from 'node:fs';
import path from 'node:path';
import {
  Document,
  isScalar,
  parse,
  parseAllDocuments,
  Scalar,
  stringify,
} from 'yaml';
import {
  assembleComposition,
  COMPOSITION_SOURCES_DIR,
  readCompositionSources,
} from './compositionSources';
import { KUBEVELA_RELEASES } from './kubevela';
import { dependencyObjectName, parsePackageRef } from './packageRef';
import { findRoot, PLATFORM_FILES } from './paths';
import {
  compareVersions,
  compatibleRange,
  parseVersion,
} from './semverConstraint';
import { isRecord, KubeObject } from './types';

/** Where the generated install packages live, relative to the repository root. */
export const PACKAGES_DIR = 'platform/package';

/** The one hand-written file of {@link PACKAGES_DIR}: the packages' release version and tags. */
export const PACKAGE_RELEASE_FILE: string = `${PACKAGES_DIR}/release.yaml`;

/** The Crossplane Configuration package root (`crossplane xpkg build -f <this>`). */
export const CROSSPLANE_PACKAGE_DIR: string = `${PACKAGES_DIR}/crossplane`;

/** The directory holding the KubeVela addon directory (named like the addon). */
export const VELA_ADDONS_DIR: string = `${PACKAGES_DIR}/vela-addon`;

/** Regenerates {@link PACKAGES_DIR}; run from the repository root. */
export const PACKAGES_COMMAND =
  'packages/realtime-platform-kit/bin/realtime-kit packages generate';

/** The cluster example that pins provider-kubernetes (its `Provider` object). */
export const PROVIDER_SOURCE =
  'docs/user-guide/examples/cluster/provider-kubernetes.yaml';

/** The Backstage catalog file naming the platform (System) and its owner (Group). */
export const CATALOG_SOURCE = 'catalog-info.yaml';

const DEFINITIONS_SOURCE = `platform/${PLATFORM_FILES.definitions}`;
const COMPOSITIONS_SOURCE = `platform/${PLATFORM_FILES.compositions}`;

/** A Kubernetes document of a source file: the object and its text without leading comments. */
export interface SourceDocument {
  /** Repository-relative file it comes from. */
  file: string;
  object: KubeObject;
  text: string;
}

/** Everything the two packages are made of, read from the files that own each fact. */
export interface PackageSources {
  /** The System of {@link CATALOG_SOURCE}: the Configuration's and the addon's name. */
  name: string;
  description: string;
  /** Title of the System's owner Group. */
  maintainer: string;
  /** {@link PACKAGE_RELEASE_FILE} `version` (`0.1.0`). */
  version: string;
  /** {@link PACKAGE_RELEASE_FILE} `tags`. */
  tags: string[];
  xrd: SourceDocument;
  /** The Composition with its function references renamed for the package. */
  composition: SourceDocument;
  /** The `Function` objects of the Composition file: the package depends on them. */
  functions: SourceDocument[];
  /** The `Provider` of {@link PROVIDER_SOURCE}. */
  provider: SourceDocument;
  /** The ComponentDefinitions of `platform/realtime-component-definitions.yaml`. */
  definitions: SourceDocument[];
  /** KubeVela releases the definitions are verified against ({@link KUBEVELA_RELEASES}). */
  velaReleases: string[];
}

/** One generated file: repository-relative path and content. */
export interface GeneratedFile {
  file: string;
  text: string;
}

/** A file of {@link PACKAGES_DIR} that is not what the generator makes. */
export interface StalePackageFile {
  file: string;
  reason: 'missing' | 'orphan' | 'different';
  /** First differing line (1-based), for `different`. */
  line?: number;
}

function read(root: string, file: string): string {
  const abs = path.join(root, file);
  if (!fs.existsSync(abs))
    throw new Error(`${file} not found: the install packages are made from it`);
  return fs.readFileSync(abs, 'utf8');
}

function documents(file: string, text: string): SourceDocument[] {
  return parseAllDocuments(text).flatMap(doc => {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
    const object: unknown = doc.toJS();
    if (!isRecord(object) || !doc.contents?.range) return [];
    const [start, , end] = doc.contents.range;
    return [
      { file, object: object as KubeObject, text: text.slice(start, end) },
    ];
  });
}

function one(
  docs: SourceDocument[],
  kind: string,
  file: string,
): SourceDocument {
  const found = docs.filter(d => d.object.kind === kind);
  if (found.length !== 1)
    throw new Error(
      `${file}: needs exactly one ${kind} for the install packages, found ${found.length}`,
    );
  return found[0];
}

/** The package reference of a Function or Provider object (`spec.package`). */
export function packageOf(obj: KubeObject): string {
  const pkg = (obj.spec as { package?: unknown } | undefined)?.package;
  if (typeof pkg !== 'string')
    throw new Error(
      `${obj.kind} ${obj.metadata?.name} has no spec.package: set it to the package reference`,
    );
  return pkg;
}

/**
 * The Composition text with each `functionRef.name` replaced by the name Crossplane gives the
 * Function it installs as a dependency ({@link dependencyObjectName}); everything else verbatim.
 */
function renameFunctionRefs(
  doc: SourceDocument,
  functions: SourceDocument[],
): SourceDocument {
  const parsed = parseAllDocuments(doc.text)[0] as Document.Parsed;
  const steps = (doc.object.spec as { pipeline?: unknown[] }).pipeline ?? [];
  const edits: [number, number, string][] = [];
  steps.forEach((_step, i) => {
    const node = parsed.getIn(
      ['spec', 'pipeline', i, 'functionRef', 'name'],
      true,
    );
    if (!isScalar(node) || !node.range) return;
    const fn = functions.find(
      f => f.object.metadata.name === (node as Scalar).value,
    );
    if (!fn)
      throw new Error(
        `${doc.file}: spec.pipeline[${i}].functionRef.name ${String(
          node.value,
        )} is no Function of ${COMPOSITIONS_SOURCE}: add the Function there`,
      );
    edits.push([
      node.range[0],
      node.range[1],
      dependencyObjectName(packageOf(fn.object)),
    ]);
  });
  let text = doc.text;
  for (const [start, end, name] of edits.sort((a, b) => b[0] - a[0]))
    text = text.slice(0, start) + name + text.slice(end);
  return { file: doc.file, object: parse(text) as KubeObject, text };
}

function catalogFacts(
  root: string,
): Pick<PackageSources, 'name' | 'description' | 'maintainer'> {
  const docs = documents(CATALOG_SOURCE, read(root, CATALOG_SOURCE));
  const system = one(docs, 'System', CATALOG_SOURCE).object;
  const owner = String(
    (system.spec as { owner?: unknown } | undefined)?.owner ?? '',
  );
  const groupName = owner.replace(/^(group:)?(default\/)?/, '');
  const group = docs.find(
    d => d.object.kind === 'Group' && d.object.metadata.name === groupName,
  )?.object;
  const title = (group?.metadata as { title?: unknown } | undefined)?.title;
  const description = (system.metadata as { description?: unknown })
    .description;
  if (typeof title !== 'string' || typeof description !== 'string')
    throw new Error(
      `${CATALOG_SOURCE}: the System needs metadata.description and an owner Group with metadata.title (the packages' description and maintainer)`,
    );
  return { name: system.metadata.name, description, maintainer: title };
}

function releaseFacts(root: string): Pick<PackageSources, 'version' | 'tags'> {
  const release = parse(read(root, PACKAGE_RELEASE_FILE)) as unknown;
  const version = isRecord(release) ? release.version : undefined;
  const tags = isRecord(release) ? release.tags : undefined;
  if (
    typeof version !== 'string' ||
    !parseVersion(version) ||
    version.startsWith('v')
  )
    throw new Error(
      `${PACKAGE_RELEASE_FILE}: \`version\` must be a semantic version without a leading v (e.g. 0.1.0)`,
    );
  if (!Array.isArray(tags) || tags.some(t => typeof t !== 'string'))
    throw new Error(
      `${PACKAGE_RELEASE_FILE}: \`tags\` must be a list of strings`,
    );
  return { version, tags: tags as string[] };
}

/** Reads every source the install packages are made of; throws naming the file and the fix. */
export function readPackageSources(root: string = findRoot()): PackageSources {
  const compositionText = assembleComposition(readCompositionSources(root));
  const compositionDocs = documents(COMPOSITIONS_SOURCE, compositionText);
  const functions = compositionDocs.filter(d => d.object.kind === 'Function');
  const definitions = documents(
    DEFINITIONS_SOURCE,
    read(root, DEFINITIONS_SOURCE),
  ).filter(d => d.object.kind === 'ComponentDefinition');
  if (!definitions.length)
    throw new Error(`${DEFINITIONS_SOURCE}: has no ComponentDefinition`);
  return {
    ...catalogFacts(root),
    ...releaseFacts(root),
    xrd: one(
      compositionDocs,
      'CompositeResourceDefinition',
      COMPOSITIONS_SOURCE,
    ),
    composition: renameFunctionRefs(
      one(compositionDocs, 'Composition', COMPOSITIONS_SOURCE),
      functions,
    ),
    functions,
    provider: one(
      documents(PROVIDER_SOURCE, read(root, PROVIDER_SOURCE)),
      'Provider',
      PROVIDER_SOURCE,
    ),
    definitions,
    velaReleases: Object.values(KUBEVELA_RELEASES)
      .map(([release]) => release)
      .sort((a, b) => compareVersions(parseVersion(a)!, parseVersion(b)!)),
  };
}

/**
 * The Crossplane version the package needs: the major version of the XRD's API group version
 * (`apiextensions.crossplane.io/v2` XRDs and namespaced composites exist from Crossplane v2.0.0
 * on), pre-releases of it included as Crossplane's own packages write it (`-0`).
 */
export function crossplaneConstraint(xrd: KubeObject): string {
  const m = /^apiextensions\.crossplane\.io\/v(\d+)$/.exec(xrd.apiVersion);
  if (!m)
    throw new Error(
      `XRD ${xrd.metadata.name}: apiVersion ${xrd.apiVersion} is not apiextensions.crossplane.io/vN`,
    );
  return `>=v${m[1]}.0.0-0`;
}

/** A `spec.dependsOn` entry of the Configuration for a Function or Provider object. */
export function dependencyOf(obj: KubeObject): Record<string, string> {
  const ref = parsePackageRef(packageOf(obj));
  if (!ref.tag)
    throw new Error(
      `${obj.kind} ${obj.metadata.name}: spec.package ${packageOf(
        obj,
      )} has no version tag: pin a release (…:vX.Y.Z)`,
    );
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    package: ref.source,
    version: compatibleRange(ref.tag),
  };
}

const header = (...sources: string[]) =>
  `# GENERATED by \`${PACKAGES_COMMAND}\` from\n# ${sources.join(
    ', ',
  )}.\n# Do not edit: change the sources and regenerate (\`--check\` reports a stale file).\n`;

const yamlText = (value: unknown) => stringify(value, { lineWidth: 0 });

/** The Configuration's `crossplane.yaml` object. */
export function configurationMeta(src: PackageSources): KubeObject {
  return {
    apiVersion: 'meta.pkg.crossplane.io/v1',
    kind: 'Configuration',
    metadata: {
      name: src.name,
      annotations: {
        'meta.crossplane.io/maintainer': src.maintainer,
        'meta.crossplane.io/description': src.description,
      },
    },
    spec: {
      crossplane: { version: crossplaneConstraint(src.xrd.object) },
      dependsOn: [...src.functions, src.provider].map(d =>
        dependencyOf(d.object),
      ),
    },
  };
}

/** The addon's `metadata.yaml` object (kubevela pkg/addon/type.go `Meta`). */
export function addonMetadata(src: PackageSources): Record<string, unknown> {
  return {
    name: src.name,
    version: src.version,
    description: src.description,
    tags: src.tags,
    system: { vela: `>=${src.velaReleases[0]}` },
  };
}

function addonReadme(src: PackageSources, addonDir: string): string {
  const defs = src.definitions
    .map(d => `\`${d.object.metadata.name}\``)
    .join(' and ');
  return `<!-- GENERATED by \`${PACKAGES_COMMAND}\` from ${DEFINITIONS_SOURCE}; do not edit. -->

# ${src.name}

${src.description}

This addon installs the KubeVela ComponentDefinitions ${defs}. The \`realtime-platform\` type
renders a Crossplane composite resource; its XRD and Composition come from the Crossplane
Configuration package \`${src.name}\` (${CROSSPLANE_PACKAGE_DIR}), which must be installed too.

Enable it from a checkout: \`vela addon enable ${addonDir}\`.
`;
}

/** The files of both packages, repository-relative, in a stable order. */
export function generatePackages(root: string = findRoot()): GeneratedFile[] {
  const src = readPackageSources(root);
  const addonDir = `${VELA_ADDONS_DIR}/${src.name}`;
  const crossplaneFiles: GeneratedFile[] = [
    {
      file: `${CROSSPLANE_PACKAGE_DIR}/crossplane.yaml`,
      text:
        header(
          CATALOG_SOURCE,
          `${COMPOSITIONS_SOURCE} (Functions)`,
          PROVIDER_SOURCE,
        ) + yamlText(configurationMeta(src)),
    },
    {
      file: `${CROSSPLANE_PACKAGE_DIR}/definition.yaml`,
      text:
        header(
          `${COMPOSITION_SOURCES_DIR}/ (the XRD of ${COMPOSITIONS_SOURCE})`,
        ) + src.xrd.text,
    },
    {
      file: `${CROSSPLANE_PACKAGE_DIR}/composition.yaml`,
      text:
        header(
          `${COMPOSITION_SOURCES_DIR}/ (the Composition of ${COMPOSITIONS_SOURCE}; functionRef names are those Crossplane gives the dependencies it installs)`,
        ) + src.composition.text,
    },
  ];
  const addonFiles: GeneratedFile[] = [
    {
      file: `${addonDir}/metadata.yaml`,
      text:
        header(
          CATALOG_SOURCE,
          PACKAGE_RELEASE_FILE,
          'KUBEVELA_RELEASES (the oldest verified release)',
        ) + yamlText(addonMetadata(src)),
    },
    { file: `${addonDir}/README.md`, text: addonReadme(src, addonDir) },
    ...src.definitions.map(d => ({
      file: `${addonDir}/definitions/${d.object.metadata.name}.yaml`,
      text: header(DEFINITIONS_SOURCE) + d.text,
    })),
  ];
  return [...crossplaneFiles, ...addonFiles];
}

function filesBelow(root: string, dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { withFileTypes: true }).flatMap(e => {
    const rel = `${dir}/${e.name}`;
    return e.isDirectory() ? filesBelow(root, rel) : [rel];
  });
}

/** The generated directories: every file in them is generated. */
const OWNED_DIRS = [CROSSPLANE_PACKAGE_DIR, VELA_ADDONS_DIR];

/** Compares the committed packages below `root` with what the generator makes. */
export function checkPackages(
  root: string = findRoot(),
  files: GeneratedFile[] = generatePackages(root),
): StalePackageFile[] {
  const stale: StalePackageFile[] = [];
  for (const { file, text } of files) {
    const abs = path.join(root, file);
    if (!fs.existsSync(abs)) {
      stale.push({ file, reason: 'missing' });
      continue;
    }
    const committed = fs.readFileSync(abs, 'utf8');
    if (committed === text) continue;
    const a = committed.split('\n');
    const b = text.split('\n');
    let line = 0;
    while (a[line] === b[line]) line++;
    stale.push({ file, reason: 'different', line: line + 1 });
  }
  const generated = new Set(files.map(f => f.file));
  for (const file of OWNED_DIRS.flatMap(d => filesBelow(root, d)).sort())
    if (!generated.has(file)) stale.push({ file, reason: 'orphan' });
  return stale;
}

/** One line per stale file, each with the fix. */
export function staleMessage(stale: StalePackageFile[]): string {
  const line = (s: StalePackageFile): string => {
    if (s.reason === 'missing')
      return `${s.file} is missing: run ${PACKAGES_COMMAND}`;
    if (s.reason === 'orphan')
      return `${s.file} is not generated (the package would ship it): delete it, or run ${PACKAGES_COMMAND}`;
    return `${s.file} is stale: line ${s.line} differs from what its sources make. It is generated: change the sources and run ${PACKAGES_COMMAND}`;
  };
  return stale.map(line).join('\n');
}

/** Writes the packages below `root`, deleting orphans; returns the files it changed. */
export function writePackages(
  root: string = findRoot(),
  files: GeneratedFile[] = generatePackages(root),
): string[] {
  const changed: string[] = [];
  for (const s of checkPackages(root, files)) {
    const abs = path.join(root, s.file);
    if (s.reason === 'orphan') fs.rmSync(abs);
    else {
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, files.find(f => f.file === s.file)!.text);
    }
    changed.push(s.file);
  }
  return changed;
}
