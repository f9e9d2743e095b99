import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { GeneratedFile, PackageSources } from './installPackages';
import { packageOf } from './installPackages';
import {
  dependencyObjectName,
  parsePackageRef,
  toDnsLabel,
} from './packageRef';
import { parseConstraint } from './semverConstraint';
import { isRecord, KubeObject } from './types';

/**
 * The rules Crossplane's package builder and KubeVela's addon loader apply to the two install
 * packages, read from their sources (each rule cites the upstream file it comes from). They are
 * checked here structurally, in TypeScript: the same fields and the same decisions, not the
 * upstream code. tools/xpkg-check additionally decodes the Crossplane package with Crossplane's
 * own Go types and semver library.
 */

/** The files of one package directory: path relative to `dir` → content. */
export interface PackageTree {
  /** Repository-relative directory, for the messages. */
  dir: string;
  files: Map<string, string>;
}

/** The files of a directory below `root` (recursively). */
export function readTree(root: string, dir: string): PackageTree {
  const files = new Map<string, string>();
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(root, dir, rel), {
      withFileTypes: true,
    })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else files.set(r, fs.readFileSync(path.join(root, dir, r), 'utf8'));
    }
  };
  walk('');
  return { dir, files };
}

/** The generated files below `dir`, as a tree. */
export function treeOf(files: GeneratedFile[], dir: string): PackageTree {
  return {
    dir,
    files: new Map(
      files
        .filter(f => f.file.startsWith(`${dir}/`))
        .map(f => [f.file.slice(dir.length + 1), f.text]),
    ),
  };
}

interface Doc {
  file: string;
  index: number;
  object: Record<string, unknown>;
}

/** YAML documents of a file; a document of nothing but comments is skipped, as upstream does. */
function docsOf(file: string, text: string, issues: string[]): Doc[] {
  const out: Doc[] = [];
  parseAllDocuments(text).forEach((d, index) => {
    if (d.errors.length) {
      issues.push(
        `${file}: not valid YAML: ${d.errors[0].message}: fix the syntax`,
      );
      return;
    }
    const object: unknown = d.toJS();
    if (object === null || object === undefined) return;
    if (!isRecord(object)) {
      issues.push(
        `${file}: document ${
          index + 1
        } is not an object: write a Kubernetes object or remove it`,
      );
      return;
    }
    out.push({ file, index, object });
  });
  return out;
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : undefined;
const groupOf = (apiVersion: string) =>
  apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
const describe = (o: Record<string, unknown>) =>
  `${String(o.kind)} ${String(o.apiVersion)} ${String(
    (o.metadata as { name?: unknown } | undefined)?.name ?? '',
  )}`.trim();

/** crossplane-runtime pkg/xpkg/name.go `MetaFile`: the meta file `crossplane xpkg build` reads. */
export const CROSSPLANE_META_FILE = 'crossplane.yaml';

/** The API group of package meta types (crossplane apis/pkg/meta). */
export const CROSSPLANE_META_GROUP = 'meta.pkg.crossplane.io';

/**
 * The objects a Configuration package may hold: what crossplane-runtime pkg/xpkg/lint.go
 * `NewConfigurationLinter` accepts (IsXRD, IsActivationPolicy, IsComposition, IsOperation,
 * IsCronOperation, IsWatchOperation), in the API versions pkg/xpkg/scheme.go `BuildObjectScheme`
 * registers. Anything else fails `crossplane xpkg build`: an object of an unregistered kind (a
 * `pkg.crossplane.io` Function or Provider) already at parsing (pkg/xpkg/parser/parser.go).
 */
export const CONFIGURATION_OBJECT_KINDS: readonly string[] = [
  'apiextensions.crossplane.io/v1 CompositeResourceDefinition',
  'apiextensions.crossplane.io/v2 CompositeResourceDefinition',
  'apiextensions.crossplane.io/v1 Composition',
  'apiextensions.crossplane.io/v1alpha1 ManagedResourceActivationPolicy',
  'ops.crossplane.io/v1alpha1 Operation',
  'ops.crossplane.io/v1alpha1 CronOperation',
  'ops.crossplane.io/v1alpha1 WatchOperation',
];

/** crossplane apis/pkg/meta/v1 meta.go `MetaSpec` fields. */
const META_SPEC_FIELDS = ['crossplane', 'dependsOn', 'capabilities'];
/** crossplane apis/pkg/meta/v1 meta.go `Dependency` fields. */
const DEPENDENCY_FIELDS = [
  'apiVersion',
  'kind',
  'package',
  'provider',
  'configuration',
  'function',
  'version',
];
/** The deprecated typed fields of a Dependency and the kind each stands for. */
const DEPRECATED_DEPENDENCY_FIELDS: Record<string, string> = {
  provider: 'Provider',
  configuration: 'Configuration',
  function: 'Function',
};

function unknownFields(
  obj: Record<string, unknown>,
  known: string[],
  where: string,
  source: string,
): string[] {
  return Object.keys(obj)
    .filter(k => !known.includes(k))
    .map(
      k =>
        `${where}.${k} is not a field of ${source} (Crossplane would drop it): use one of ${known.join(
          ', ',
        )}, or remove it`,
    );
}

/** A digest pin (`sha256:<64 hex>`), which Crossplane accepts in place of a constraint. */
const DIGEST = /^sha256:[0-9a-f]{64}$/;

function dependencyIssues(dep: unknown, at: string): string[] {
  if (!isRecord(dep))
    return [
      `${at} is not an object: write {apiVersion, kind, package, version}`,
    ];
  const issues = unknownFields(
    dep,
    DEPENDENCY_FIELDS,
    at,
    'a Dependency (crossplane apis/pkg/meta/v1 meta.go)',
  );
  const typed = Object.keys(DEPRECATED_DEPENDENCY_FIELDS).filter(k => k in dep);
  // crossplane internal/controller/pkg/revision/dependency.go: apiVersion+kind+package take
  // precedence; otherwise one of configuration/provider/function; otherwise the dependency is invalid.
  if (str(dep.apiVersion) && str(dep.kind) && str(dep.package)) {
    if (typed.length)
      issues.push(
        `${at} sets ${typed.join(
          ', ',
        )} next to apiVersion/kind/package: remove ${typed.join(', ')}`,
      );
  } else if (typed.length) {
    const field = typed[0];
    issues.push(
      `${at}.${field} is deprecated (crossplane apis/pkg/meta/v1 meta.go Dependency, Crossplane v2): write apiVersion: pkg.crossplane.io/v1, kind: ${DEPRECATED_DEPENDENCY_FIELDS[field]} and package instead`,
    );
  } else {
    issues.push(
      `${at} names no package: set apiVersion, kind and package (crossplane dependency.go: "package dependencies must specify either a valid type, or an explicit apiVersion, kind, and package")`,
    );
  }
  const pkg = str(dep.package);
  if (pkg !== undefined) {
    const ref = parsePackageRef(pkg);
    if (ref.tag !== undefined || ref.digest !== undefined)
      issues.push(
        `${at}.package ${pkg} carries a ${
          ref.digest ? 'digest' : 'tag'
        }: name the repository only (${
          ref.source
        }); Crossplane appends the version it resolves from \`version\``,
      );
    if (!ref.registry)
      issues.push(
        `${at}.package ${pkg} names no registry: write the fully qualified repository (e.g. xpkg.crossplane.io/${ref.repository})`,
      );
  }
  const version = dep.version;
  if (typeof version !== 'string' || !version)
    issues.push(
      `${at}.version is missing: set a semantic version constraint (e.g. ">=v1.2.0, <v2.0.0")`,
    );
  else if (!DIGEST.test(version)) {
    const c = parseConstraint(version);
    if (!c.ok)
      issues.push(
        `${at}.version "${version}" is not a semantic version constraint (${c.reason}): write one like ">=v1.2.0, <v2.0.0"`,
      );
  }
  return issues;
}

/**
 * Checks a Configuration package root against the rules of `crossplane xpkg build` and of the
 * package manager that installs it, and against the platform sources it must match.
 * Returns one message per problem, each naming the file, the field and the fix.
 */
export function crossplanePackageIssues(
  tree: PackageTree,
  src: PackageSources,
): string[] {
  const issues: string[] = [];
  const at = (file: string) => `${tree.dir}/${file}`;
  // crossplane cli cmd/crossplane/xpkg/build.go buildFilters + crossplane-runtime
  // pkg/xpkg/parser/fsreader.go: every non-empty .yaml/.yml file below the root is package content.
  const docs = [...tree.files]
    .filter(([f, text]) => /\.ya?ml$/.test(f) && text.length > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([f, text]) => docsOf(at(f), text, issues));
  for (const d of docs)
    if (!str(d.object.apiVersion) || !str(d.object.kind))
      issues.push(
        `${d.file}: document ${
          d.index + 1
        } has no apiVersion or kind: every document of a package is a Kubernetes object`,
      );
  const typed = docs.filter(
    d => str(d.object.apiVersion) && str(d.object.kind),
  );
  const metas = typed.filter(
    d => groupOf(d.object.apiVersion as string) === CROSSPLANE_META_GROUP,
  );
  const objects = typed.filter(d => !metas.includes(d));

  // crossplane-runtime pkg/xpkg/lint.go OneMeta: exactly one meta object; name.go MetaFile.
  const metaFile = at(CROSSPLANE_META_FILE);
  if (!tree.files.has(CROSSPLANE_META_FILE))
    issues.push(
      `${metaFile} is missing: the package root needs its meta file crossplane.yaml (kind Configuration)`,
    );
  for (const m of metas)
    if (m.file !== metaFile)
      issues.push(
        `${m.file}: a package meta document (${describe(
          m.object,
        )}) outside crossplane.yaml: a package has exactly one, in crossplane.yaml; remove this one`,
      );
  const inMetaFile = metas.filter(m => m.file === metaFile);
  if (tree.files.has(CROSSPLANE_META_FILE) && inMetaFile.length !== 1)
    issues.push(
      `${metaFile}: holds ${inMetaFile.length} package meta documents: it must hold exactly one Configuration`,
    );
  const meta = inMetaFile[0]?.object;
  if (meta) issues.push(...configurationIssues(meta, metaFile, src));

  // lint.go NewConfigurationLinter: the objects a Configuration may hold.
  for (const o of objects) {
    const kind = `${o.object.apiVersion} ${o.object.kind}`;
    if (!CONFIGURATION_OBJECT_KINDS.includes(kind)) {
      const dependency =
        o.object.kind === 'Function' || o.object.kind === 'Provider';
      issues.push(
        `${o.file}: ${describe(
          o.object,
        )} may not be in a Configuration package (crossplane xpkg build accepts only ${CONFIGURATION_OBJECT_KINDS.join(
          ', ',
        )}): ${
          dependency
            ? 'declare it in crossplane.yaml spec.dependsOn instead'
            : 'remove it from the package'
        }`,
      );
    }
  }
  issues.push(...platformObjectIssues(objects, meta, src, at));
  return issues;
}

function configurationIssues(
  meta: Record<string, unknown>,
  file: string,
  src: PackageSources,
): string[] {
  const issues: string[] = [];
  // lint.go IsConfiguration (meta/v1 is the version Crossplane v2 writes; v1alpha1 converts).
  if (
    meta.apiVersion !== `${CROSSPLANE_META_GROUP}/v1` ||
    meta.kind !== 'Configuration'
  )
    issues.push(
      `${file}: is ${describe(
        meta,
      )}: a Configuration package's meta file must be kind Configuration, apiVersion ${CROSSPLANE_META_GROUP}/v1`,
    );
  const metadata = isRecord(meta.metadata) ? meta.metadata : {};
  const name = str(metadata.name);
  if (!name || toDnsLabel(name) !== name)
    issues.push(
      `${file}: metadata.name ${
        name ?? '(missing)'
      } must be a DNS label (crossplane xpkg build names the .xpkg file after it): set it to ${
        src.name
      }`,
    );
  const spec = isRecord(meta.spec) ? meta.spec : {};
  issues.push(
    ...unknownFields(
      spec,
      META_SPEC_FIELDS,
      `${file}: spec`,
      'MetaSpec (crossplane apis/pkg/meta/v1 meta.go)',
    ),
  );

  // lint.go PackageValidSemver: spec.crossplane.version must parse as a constraint.
  const xpMajor = /\/v(\d+)$/.exec(src.xrd.object.apiVersion)?.[1];
  const crossplane = isRecord(spec.crossplane)
    ? str(spec.crossplane.version)
    : undefined;
  if (!crossplane)
    issues.push(
      `${file}: spec.crossplane.version is missing: set it to a constraint such as ">=v${xpMajor}.0.0-0" (the XRD is ${src.xrd.object.apiVersion})`,
    );
  else {
    const c = parseConstraint(crossplane);
    if (!c.ok)
      issues.push(
        `${file}: spec.crossplane.version "${crossplane}" is not a semantic version constraint (${c.reason}) (crossplane-runtime lint.go: "package version constraints are poorly formatted"): write one like ">=v${xpMajor}.0.0-0"`,
      );
    else if (
      xpMajor &&
      (!c.admits(`v${xpMajor}.0.0`) ||
        c.admits(`v${Number(xpMajor) - 1}.999.0`))
    )
      issues.push(
        `${file}: spec.crossplane.version "${crossplane}" must admit Crossplane v${xpMajor} and exclude v${
          Number(xpMajor) - 1
        } (the XRD is ${
          src.xrd.object.apiVersion
        }): write ">=v${xpMajor}.0.0-0"`,
      );
  }

  const dependsOn = spec.dependsOn;
  if (!Array.isArray(dependsOn)) {
    issues.push(
      `${file}: spec.dependsOn is missing: list the Functions of the Composition and provider-kubernetes`,
    );
    return issues;
  }
  dependsOn.forEach((d, i) =>
    issues.push(...dependencyIssues(d, `${file}: spec.dependsOn[${i}]`)),
  );

  // Each Function of the Composition and the provider: a dependency on the same repository whose
  // constraint admits the pinned version (resolver/reconciler.go matches installed packages by
  // repository and checks the constraint against their version).
  for (const needed of [...src.functions, src.provider]) {
    const pinned = parsePackageRef(packageOf(needed.object));
    const entries = dependsOn
      .map((d, i) => ({ d, i }))
      .filter(({ d }) => {
        const pkg = dependencyPackage(d);
        return (
          pkg !== undefined && parsePackageRef(pkg).source === pinned.source
        );
      });
    if (!entries.length) {
      issues.push(
        `${file}: spec.dependsOn has no entry for ${needed.object.kind} ${pinned.source} (pinned in ${needed.file}): add {apiVersion: ${needed.object.apiVersion}, kind: ${needed.object.kind}, package: ${pinned.source}, version: ...}`,
      );
      continue;
    }
    for (const { d, i } of entries) {
      const dep = d as Record<string, unknown>;
      if (
        dep.package !== undefined &&
        (dep.kind !== needed.object.kind ||
          dep.apiVersion !== needed.object.apiVersion)
      )
        issues.push(
          `${file}: spec.dependsOn[${i}] is ${String(dep.apiVersion)} ${String(
            dep.kind,
          )}, but ${pinned.source} is a ${needed.object.apiVersion} ${
            needed.object.kind
          }: set apiVersion and kind to those`,
        );
      const c =
        typeof dep.version === 'string' && !DIGEST.test(dep.version)
          ? parseConstraint(dep.version)
          : undefined;
      if (c?.ok && pinned.tag && !c.admits(pinned.tag))
        issues.push(
          `${file}: spec.dependsOn[${i}].version "${String(
            dep.version,
          )}" does not admit ${pinned.tag}, the version ${
            needed.file
          } pins and the platform is verified with: widen it to include ${
            pinned.tag
          }`,
        );
    }
  }
  return issues;
}

/** The package a dependency names, in the explicit or a deprecated typed field. */
function dependencyPackage(d: unknown): string | undefined {
  if (!isRecord(d)) return undefined;
  return (
    str(d.package) ??
    Object.keys(DEPRECATED_DEPENDENCY_FIELDS)
      .map(k => str(d[k]))
      .find(Boolean)
  );
}

/** The package's XRD and Composition against each other, the dependencies and the sources. */
function platformObjectIssues(
  objects: Doc[],
  meta: Record<string, unknown> | undefined,
  src: PackageSources,
  at: (file: string) => string,
): string[] {
  const issues: string[] = [];
  const xrds = objects.filter(
    o => o.object.kind === 'CompositeResourceDefinition',
  );
  const compositions = objects.filter(o => o.object.kind === 'Composition');
  if (xrds.length !== 1 || compositions.length !== 1) {
    issues.push(
      `${at('')}: holds ${xrds.length} CompositeResourceDefinitions and ${
        compositions.length
      } Compositions: the platform package ships exactly one of each (${
        src.xrd.object.metadata.name
      }, ${src.composition.object.metadata.name})`,
    );
    return issues;
  }
  const xrd = xrds[0].object as unknown as KubeObject;
  const composition = compositions[0];
  const xrdSpec = (xrd.spec ?? {}) as {
    group?: string;
    names?: { kind?: string };
    versions?: { name: string; served?: boolean; referenceable?: boolean }[];
  };
  const ref =
    (
      composition.object.spec as
        | { compositeTypeRef?: { apiVersion?: string; kind?: string } }
        | undefined
    )?.compositeTypeRef ?? {};
  const referenceable = (xrdSpec.versions ?? []).find(
    v => v.referenceable,
  )?.name;
  const wanted = `${xrdSpec.group}/${referenceable}`;
  if (ref.apiVersion !== wanted || ref.kind !== xrdSpec.names?.kind)
    issues.push(
      `${composition.file}: spec.compositeTypeRef is ${ref.apiVersion} ${ref.kind}, but the package's XRD serves ${wanted} ${xrdSpec.names?.kind} (its referenceable version): set compositeTypeRef to that`,
    );
  // Functions a Configuration depends on are installed under the name resolver/reconciler.go
  // NewPackage gives them; the pipeline must call them by that name.
  if (!meta) return issues;
  const functionDeps = (
    isRecord(meta.spec) && Array.isArray(meta.spec.dependsOn)
      ? meta.spec.dependsOn
      : []
  )
    .filter(d => isRecord(d) && (d.kind === 'Function' || str(d.function)))
    .map(dependencyPackage)
    .filter((p): p is string => p !== undefined);
  const names = new Map(functionDeps.map(p => [dependencyObjectName(p), p]));
  const pipeline = ((
    composition.object.spec as { pipeline?: unknown[] } | undefined
  )?.pipeline ?? []) as { functionRef?: { name?: string } }[];
  pipeline.forEach((step, i) => {
    const fn = step.functionRef?.name;
    if (fn && !names.has(fn)) {
      const source = src.functions.find(f => f.object.metadata.name === fn);
      const hint = source
        ? `set it to ${dependencyObjectName(
            packageOf(source.object),
          )}, the name Crossplane gives the Function it installs for ${
            parsePackageRef(packageOf(source.object)).source
          }`
        : `add the Function to crossplane.yaml spec.dependsOn and call it by the name Crossplane gives it${
            names.size ? ` (${[...names.keys()].join(', ')})` : ''
          }`;
      issues.push(
        `${composition.file}: spec.pipeline[${i}].functionRef.name ${fn} is no Function the package depends on: ${hint}`,
      );
    }
  });
  return issues;
}

/** kubevela pkg/addon/init.go `AddonNameRegex`, which `vela addon init` checks a name against. */
export const ADDON_NAME: RegExp = /^[a-z\d]+(-[a-z\d]+)*$/;

/**
 * The files and directories KubeVela's addon reader classifies (pkg/addon/addon.go `Patterns`,
 * matched as prefixes of the path below the addon directory); any other file is ignored.
 */
export const ADDON_PATTERNS: readonly string[] = [
  'config-templates',
  'README.md',
  'metadata.yaml',
  'template.yaml',
  'resources/parameter.cue',
  'resources',
  'definitions',
  'schemas',
  'views',
  'godef',
  'template.cue',
  'parameter.cue',
  'NOTES.cue',
  'readme.md',
];

/** kubevela pkg/addon/type.go `Meta` fields (metadata.yaml). */
const ADDON_META_FIELDS = [
  'name',
  'version',
  'description',
  'icon',
  'url',
  'tags',
  'uxPlugins',
  'deployTo',
  'dependencies',
  'needNamespace',
  'invisible',
  'system',
  'annotations',
];
/** kubevela pkg/addon/type.go `SystemRequirements` fields. */
const ADDON_SYSTEM_FIELDS = ['vela', 'kubernetes'];

/**
 * A KubeVela addon constraint as pkg/addon/addon.go `checkSemVer` reads it: every `v` replaced
 * by a space, then Masterminds/semver `NewConstraint`.
 */
function addonConstraint(text: string) {
  return parseConstraint(text.replace(/v/g, ' '));
}

function addonFieldIssues(
  meta: Record<string, unknown>,
  file: string,
): string[] {
  const issues = Object.keys(meta)
    .filter(k => !ADDON_META_FIELDS.includes(k))
    .map(
      k =>
        `${file}: ${k} is not a metadata.yaml field (kubevela pkg/addon/type.go Meta; KubeVela ignores it): use one of ${ADDON_META_FIELDS.join(
          ', ',
        )}, or remove it`,
    );
  if (
    meta.tags !== undefined &&
    (!Array.isArray(meta.tags) || meta.tags.some(t => typeof t !== 'string'))
  )
    issues.push(`${file}: tags must be a list of strings`);
  if (meta.dependencies !== undefined) {
    if (!Array.isArray(meta.dependencies))
      issues.push(`${file}: dependencies must be a list of {name, version}`);
    else
      meta.dependencies.forEach((d, i) => {
        if (!isRecord(d) || !str(d.name))
          issues.push(
            `${file}: dependencies[${i}].name is missing: name the addon it depends on (pkg/addon/addon.go validateAddonDependencies)`,
          );
      });
  }
  return issues;
}

/**
 * Checks an addon directory against KubeVela's addon loader (`vela addon enable <dir>`) and the
 * platform sources. Returns one message per problem, naming the file, the field and the fix.
 */
export function velaAddonIssues(
  tree: PackageTree,
  src: PackageSources,
): string[] {
  const issues: string[] = [];
  const at = (file: string) => `${tree.dir}/${file}`;
  const dirName = path.posix.basename(tree.dir);

  // pkg/addon/addon.go GetPatternFromItem: a file matching no pattern is never read.
  for (const f of tree.files.keys())
    if (!ADDON_PATTERNS.some(p => f.startsWith(p)))
      issues.push(
        `${at(
          f,
        )}: KubeVela's addon reader ignores this file (it matches none of ${ADDON_PATTERNS.join(
          ', ',
        )}): move it or remove it`,
      );
  // pkg/addon/render.go generateAppFramework: ErrBothCueAndYamlTmpl.
  if (tree.files.has('template.cue') && tree.files.has('template.yaml'))
    issues.push(
      `${at(
        'template.yaml',
      )}: the addon has both template.cue and template.yaml, which KubeVela refuses: keep one`,
    );

  // pkg/addon/utils.go validateAddonPackage: metadata.yaml with name and version.
  const metaText = tree.files.get('metadata.yaml');
  let meta: Record<string, unknown> = {};
  if (metaText === undefined)
    issues.push(
      `${at(
        'metadata.yaml',
      )} is missing: "the addon package doesn't have \`metadata.yaml\`": add it with name and version`,
    );
  else {
    const docs = docsOf(at('metadata.yaml'), metaText, issues);
    meta = docs[0]?.object ?? {};
    if (docs.length !== 1)
      issues.push(
        `${at('metadata.yaml')}: holds ${
          docs.length
        } documents: write one mapping`,
      );
  }
  const name = str(meta.name);
  if (metaText !== undefined) {
    if (!name)
      issues.push(
        `${at(
          'metadata.yaml',
        )}: name is missing ("\`matadata.yaml\` must define the name of addon"): set name: ${dirName}`,
      );
    else if (!ADDON_NAME.test(name))
      issues.push(
        `${at(
          'metadata.yaml',
        )}: name ${name} must be lower-case letters, digits and dashes (kubevela pkg/addon/init.go AddonNameRegex): set name: ${
          src.name
        }`,
      );
    else if (name !== dirName)
      // references/cli/addon.go: `vela addon enable <dir>` names the addon after the directory.
      issues.push(
        `${at(
          'metadata.yaml',
        )}: name ${name} differs from the directory name ${dirName}, which \`vela addon enable <dir>\` uses as the addon name: rename one to match`,
      );
    if (!str(meta.version))
      issues.push(
        `${at(
          'metadata.yaml',
        )}: version is missing ("\`matadata.yaml\` must define the version of addon"): set version (${
          src.version
        })`,
      );
    issues.push(...addonFieldIssues(meta, at('metadata.yaml')));
    const system = meta.system;
    if (!isRecord(system) || !str(system.vela))
      issues.push(
        `${at('metadata.yaml')}: system.vela is missing: set it to ">=${
          src.velaReleases[0]
        }", the oldest KubeVela release the definitions are verified against`,
      );
    else {
      issues.push(
        ...Object.keys(system)
          .filter(k => !ADDON_SYSTEM_FIELDS.includes(k))
          .map(
            k =>
              `${at(
                'metadata.yaml',
              )}: system.${k} is not a SystemRequirements field (vela, kubernetes): remove it`,
          ),
      );
      for (const key of ADDON_SYSTEM_FIELDS) {
        const value = system[key];
        if (value === undefined) continue;
        const c =
          typeof value === 'string' ? addonConstraint(value) : undefined;
        if (!c?.ok)
          issues.push(
            `${at('metadata.yaml')}: system.${key} "${String(
              value,
            )}" is not a constraint KubeVela's checkSemVer parses${
              c && !c.ok ? ` (${c.reason})` : ''
            }: write one like ">=v1.9.0"`,
          );
        else if (key === 'vela')
          for (const release of src.velaReleases)
            if (!c.admits(release))
              issues.push(
                `${at('metadata.yaml')}: system.vela "${String(
                  value,
                )}" excludes ${release}, a release the definitions are verified against (KUBEVELA_RELEASES): widen it to include ${release}`,
              );
      }
    }
  }

  // pkg/addon/addon.go readDefFile + renderObject: each .yaml/.yml file of definitions/ is decoded
  // as ONE object (a second document is silently dropped); helper.go extractDefinitionNameFromFile
  // takes the file name as the definition's name; RenderDefinitions overrides the namespace.
  const found = new Map<string, string>();
  for (const [f, text] of tree.files) {
    if (!f.startsWith('definitions/') || !/\.ya?ml$/.test(f)) continue;
    const docs = docsOf(at(f), text, issues);
    if (docs.length !== 1) {
      issues.push(
        `${at(f)}: holds ${
          docs.length
        } documents, but KubeVela reads only the first of a definitions file: one definition per file`,
      );
      if (!docs.length) continue;
    }
    const def = docs[0].object as Partial<KubeObject> & {
      spec?: { schematic?: { cue?: { template?: unknown } } };
    };
    const defName = str(def.metadata?.name);
    const base = path.posix.basename(f).replace(/\.ya?ml$/, '');
    if (
      def.apiVersion !== 'core.oam.dev/v1beta1' ||
      def.kind !== 'ComponentDefinition'
    )
      issues.push(
        `${at(f)}: is ${def.kind} ${
          def.apiVersion
        }: the platform's definitions are ComponentDefinitions (core.oam.dev/v1beta1)`,
      );
    if (defName !== base)
      issues.push(
        `${at(
          f,
        )}: metadata.name ${defName} differs from the file name: name the file ${defName}.yaml (KubeVela takes the file name as the definition's name)`,
      );
    if (def.metadata?.namespace !== undefined)
      issues.push(
        `${at(
          f,
        )}: metadata.namespace is set, but KubeVela installs addon definitions into vela-system: remove it`,
      );
    if (typeof def.spec?.schematic?.cue?.template !== 'string')
      issues.push(
        `${at(
          f,
        )}: spec.schematic.cue.template is missing: a ComponentDefinition needs its CUE template`,
      );
    if (defName) found.set(defName, at(f));
  }
  for (const d of src.definitions)
    if (!found.has(d.object.metadata.name))
      issues.push(
        `${at('definitions')}: has no ComponentDefinition ${
          d.object.metadata.name
        } (${d.file}): add definitions/${d.object.metadata.name}.yaml`,
      );
  for (const [defName, file] of found)
    if (!src.definitions.some(d => d.object.metadata.name === defName))
      issues.push(
        `${file}: ${defName} is no ComponentDefinition of the platform's definitions file: remove it`,
      );
  return issues;
}
