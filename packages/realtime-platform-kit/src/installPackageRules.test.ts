import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { run } from './exec';
import {
  CROSSPLANE_PACKAGE_DIR,
  PROVIDER_SOURCE,
  readPackageSources,
  VELA_ADDONS_DIR,
} from './installPackages';
import {
  crossplanePackageIssues,
  PackageTree,
  readTree,
  velaAddonIssues,
} from './installPackageRules';
import { KUBEVELA_RELEASES, kubevelaCue } from './kubevela';
import { findRoot, xpkgCheckBinary } from './paths';
import { compatibleRange, parseConstraint } from './semverConstraint';

// Each rule is one upstream behaviour, cited where it is implemented (installPackageRules.ts):
// crossplane-runtime pkg/xpkg/{lint,name,scheme}.go and parser/{parser,fsreader}.go, crossplane
// apis/pkg/meta/v1/meta.go, internal/controller/pkg/{revision/dependency,resolver/reconciler}.go,
// crossplane/cli cmd/crossplane/xpkg/build.go; kubevela pkg/addon/{addon,utils,init,helper,
// render,type}.go and references/cli/addon.go. Every rule has a negative control: the generated
// package, changed in memory, must fail with the exact message.
jest.setTimeout(60_000);

const root = findRoot();
const src = readPackageSources(root);
const XP = CROSSPLANE_PACKAGE_DIR;
const ADDON = `${VELA_ADDONS_DIR}/${src.name}`;
const crossplane = readTree(root, XP);
const addon = readTree(root, ADDON);

function withFile(tree: PackageTree, file: string, text?: string): PackageTree {
  const files = new Map(tree.files);
  if (text === undefined) files.delete(file);
  else files.set(file, text);
  return { dir: tree.dir, files };
}

type Obj = Record<string, any>;
function edited(
  tree: PackageTree,
  file: string,
  change: (o: Obj) => void,
): PackageTree {
  const o = parse(tree.files.get(file)!);
  change(o);
  return withFile(tree, file, stringify(o));
}

const FN_GO = 'xpkg.crossplane.io/crossplane-contrib/function-go-templating';
const PROVIDER = 'xpkg.crossplane.io/crossplane-contrib/provider-kubernetes';
const META = `${XP}/crossplane.yaml`;
const COMPOSITION = `${XP}/composition.yaml`;
const FN_MISSING = `${META}: spec.dependsOn has no entry for Function ${FN_GO} (pinned in platform/realtime-compositions.yaml): add {apiVersion: pkg.crossplane.io/v1, kind: Function, package: ${FN_GO}, version: ...}`;
const FN_UNCALLED = `${COMPOSITION}: spec.pipeline[0].functionRef.name crossplane-contrib-function-go-templating is no Function the package depends on: add the Function to crossplane.yaml spec.dependsOn and call it by the name Crossplane gives it (crossplane-contrib-function-auto-ready)`;

describe('the Crossplane Configuration package (platform/package/crossplane)', () => {
  it('meets every rule of crossplane xpkg build and of the package manager', () => {
    expect(crossplanePackageIssues(crossplane, src)).toEqual([]);
    expect([...crossplane.files.keys()].sort()).toEqual([
      'composition.yaml',
      'crossplane.yaml',
      'definition.yaml',
    ]);
  });

  it('its constraints: Crossplane v2 on, each dependency from its pinned version to the next breaking one', () => {
    const meta = parse(crossplane.files.get('crossplane.yaml')!);
    expect(meta.spec.crossplane.version).toBe('>=v2.0.0-0');
    expect(meta.spec.dependsOn.map((d: Obj) => d.version)).toEqual([
      '>=v0.11.0, <v0.12.0',
      '>=v0.5.0, <v0.6.0',
      '>=v1.2.1, <v2.0.0',
    ]);
    expect(meta.spec.dependsOn[2]).toEqual({
      apiVersion: 'pkg.crossplane.io/v1',
      kind: 'Provider',
      package: PROVIDER,
      version: '>=v1.2.1, <v2.0.0',
    });
    expect(src.provider.file).toBe(PROVIDER_SOURCE);
  });

  it.each<[string, () => PackageTree, string[]]>([
    [
      'the meta file is a Configuration (lint.go IsConfiguration)',
      () =>
        edited(crossplane, 'crossplane.yaml', o => {
          o.kind = 'Provider';
        }),
      [
        `${META}: is Provider meta.pkg.crossplane.io/v1 realtime-platform: a Configuration package's meta file must be kind Configuration, apiVersion meta.pkg.crossplane.io/v1`,
      ],
    ],
    [
      'the package root has crossplane.yaml (name.go MetaFile)',
      () => withFile(crossplane, 'crossplane.yaml'),
      [
        `${META} is missing: the package root needs its meta file crossplane.yaml (kind Configuration)`,
      ],
    ],
    [
      'there is exactly one meta document (lint.go OneMeta)',
      () =>
        withFile(
          crossplane,
          'extra/meta.yaml',
          crossplane.files.get('crossplane.yaml'),
        ),
      [
        `${XP}/extra/meta.yaml: a package meta document (Configuration meta.pkg.crossplane.io/v1 realtime-platform) outside crossplane.yaml: a package has exactly one, in crossplane.yaml; remove this one`,
      ],
    ],
    [
      'metadata.name is a DNS label',
      () =>
        edited(crossplane, 'crossplane.yaml', o => {
          o.metadata.name = 'Realtime Platform';
        }),
      [
        `${META}: metadata.name Realtime Platform must be a DNS label (crossplane xpkg build names the .xpkg file after it): set it to realtime-platform`,
      ],
    ],
    [
      'spec has only MetaSpec fields (meta.go)',
      () =>
        edited(crossplane, 'crossplane.yaml', o => {
          o.spec.dependOn = o.spec.dependsOn;
        }),
      [
        `${META}: spec.dependOn is not a field of MetaSpec (crossplane apis/pkg/meta/v1 meta.go) (Crossplane would drop it): use one of crossplane, dependsOn, capabilities, or remove it`,
      ],
    ],
    [
      'spec.crossplane.version parses (lint.go PackageValidSemver)',
      () =>
        edited(crossplane, 'crossplane.yaml', o => {
          o.spec.crossplane.version = '>>= 2';
        }),
      [
        `${META}: spec.crossplane.version ">>= 2" is not a semantic version constraint (">>=2" is not an operator (=, !=, >, <, >=, <=, ~, ^) followed by a version) (crossplane-runtime lint.go: "package version constraints are poorly formatted"): write one like ">=v2.0.0-0"`,
      ],
    ],
    [
      'spec.crossplane.version requires the Crossplane major the XRD API needs',
      () =>
        edited(crossplane, 'crossplane.yaml', o => {
          o.spec.crossplane.version = '>=v1.14.0';
        }),
      [
        `${META}: spec.crossplane.version ">=v1.14.0" must admit Crossplane v2 and exclude v1 (the XRD is apiextensions.crossplane.io/v2): write ">=v2.0.0-0"`,
      ],
    ],
    [
      'a dependency uses apiVersion/kind/package, not the deprecated typed fields (meta.go Dependency)',
      () =>
        edited(crossplane, 'crossplane.yaml', o => {
          const d = o.spec.dependsOn[0];
          o.spec.dependsOn[0] = { function: d.package, version: d.version };
        }),
      [
        `${META}: spec.dependsOn[0].function is deprecated (crossplane apis/pkg/meta/v1 meta.go Dependency, Crossplane v2): write apiVersion: pkg.crossplane.io/v1, kind: Function and package instead`,
      ],
    ],
    [
      'a dependency names a package (revision/dependency.go Resolve)',
      () =>
        edited(crossplane, 'crossplane.yaml', o => {
          o.spec.dependsOn[0] = { version: '>=v0.11.0' };
        }),
      [
        `${META}: spec.dependsOn[0] names no package: set apiVersion, kind and package (crossplane dependency.go: "package dependencies must specify either a valid type, or an explicit apiVersion, kind, and package")`,
        FN_MISSING,
        FN_UNCALLED,
      ],
    ],
    [
      'a dependency package is a repository without tag (resolver appends the resolved version)',
      () =>
        edited(crossplane, 'crossplane.yaml', o => {
          o.spec.dependsOn[2].package += ':v1.2.1';
        }),
      [
        `${META}: spec.dependsOn[2].package ${PROVIDER}:v1.2.1 carries a tag: name the repository only (${PROVIDER}); Crossplane appends the version it resolves from \`version\``,
      ],
    ],
    [
      'a dependency version is a semver constraint (resolver/reconciler.go NewConstraint)',
      () =>
        edited(crossplane, 'crossplane.yaml', o => {
          o.spec.dependsOn[0].version = 'latest';
        }),
      [
        `${META}: spec.dependsOn[0].version "latest" is not a semantic version constraint ("latest" is not an operator (=, !=, >, <, >=, <=, ~, ^) followed by a version): write one like ">=v1.2.0, <v2.0.0"`,
      ],
    ],
    [
      'provider-kubernetes is a dependency',
      () =>
        edited(crossplane, 'crossplane.yaml', o => {
          o.spec.dependsOn.pop();
        }),
      [
        `${META}: spec.dependsOn has no entry for Provider ${PROVIDER} (pinned in ${PROVIDER_SOURCE}): add {apiVersion: pkg.crossplane.io/v1, kind: Provider, package: ${PROVIDER}, version: ...}`,
      ],
    ],
    [
      'a dependency has the kind of the object it stands for',
      () =>
        edited(crossplane, 'crossplane.yaml', o => {
          o.spec.dependsOn[2].kind = 'Function';
        }),
      [
        `${META}: spec.dependsOn[2] is pkg.crossplane.io/v1 Function, but ${PROVIDER} is a pkg.crossplane.io/v1 Provider: set apiVersion and kind to those`,
      ],
    ],
    [
      'a dependency constraint admits the pinned version',
      () =>
        edited(crossplane, 'crossplane.yaml', o => {
          o.spec.dependsOn[1].version = '>=v0.6.0';
        }),
      [
        `${META}: spec.dependsOn[1].version ">=v0.6.0" does not admit v0.5.0, the version platform/realtime-compositions.yaml pins and the platform is verified with: widen it to include v0.5.0`,
      ],
    ],
    [
      'the pipeline calls each Function by the name its dependency gets (resolver/reconciler.go NewPackage)',
      () =>
        edited(crossplane, 'composition.yaml', o => {
          o.spec.pipeline[0].functionRef.name = 'function-go-templating';
        }),
      [
        `${COMPOSITION}: spec.pipeline[0].functionRef.name function-go-templating is no Function the package depends on: set it to crossplane-contrib-function-go-templating, the name Crossplane gives the Function it installs for ${FN_GO}`,
      ],
    ],
    [
      'the Composition references the XRD it ships',
      () =>
        edited(crossplane, 'composition.yaml', o => {
          o.spec.compositeTypeRef.apiVersion =
            'realtime.platform.example.org/v1';
        }),
      [
        `${COMPOSITION}: spec.compositeTypeRef is realtime.platform.example.org/v1 RealtimePlatform, but the package's XRD serves realtime.platform.example.org/v1alpha1 RealtimePlatform (its referenceable version): set compositeTypeRef to that`,
      ],
    ],
    [
      'no Function objects in the package (lint.go NewConfigurationLinter; scheme.go)',
      () => withFile(crossplane, 'functions.yaml', src.functions[0].text),
      [
        `${XP}/functions.yaml: Function pkg.crossplane.io/v1 function-go-templating may not be in a Configuration package (crossplane xpkg build accepts only apiextensions.crossplane.io/v1 CompositeResourceDefinition, apiextensions.crossplane.io/v2 CompositeResourceDefinition, apiextensions.crossplane.io/v1 Composition, apiextensions.crossplane.io/v1alpha1 ManagedResourceActivationPolicy, ops.crossplane.io/v1alpha1 Operation, ops.crossplane.io/v1alpha1 CronOperation, ops.crossplane.io/v1alpha1 WatchOperation): declare it in crossplane.yaml spec.dependsOn instead`,
      ],
    ],
    [
      'every YAML file below the root is package content, a README is not (fsreader.go SkipNotYAML)',
      () =>
        withFile(
          withFile(crossplane, 'README.md', '# notes\n'),
          'examples.yml',
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
        ),
      [
        `${XP}/examples.yml: ConfigMap v1 x may not be in a Configuration package (crossplane xpkg build accepts only apiextensions.crossplane.io/v1 CompositeResourceDefinition, apiextensions.crossplane.io/v2 CompositeResourceDefinition, apiextensions.crossplane.io/v1 Composition, apiextensions.crossplane.io/v1alpha1 ManagedResourceActivationPolicy, ops.crossplane.io/v1alpha1 Operation, ops.crossplane.io/v1alpha1 CronOperation, ops.crossplane.io/v1alpha1 WatchOperation): remove it from the package`,
      ],
    ],
  ])('fails when a rule is broken: %s', (_rule, mutate, expected) => {
    expect(crossplanePackageIssues(mutate(), src)).toEqual(expected);
  });
});

describe("tools/xpkg-check: the package decoded with Crossplane's Go types", () => {
  const bin = xpkgCheckBinary(root);
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xpkg-check-'));
    fs.cpSync(path.join(root, XP), tmp, { recursive: true });
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const check = async () => {
    const r = await run(bin, [tmp]);
    return { code: r.code, ...JSON.parse(r.stdout) };
  };
  const change = (file: string, from: string, to: string) => {
    const text = fs.readFileSync(path.join(tmp, file), 'utf8');
    expect(text).toContain(from);
    fs.writeFileSync(path.join(tmp, file), text.replace(from, to));
  };

  it('decodes strictly: one Configuration, an XRD and a Composition, no problem', async () => {
    const r = await check();
    expect(r.problems).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.objects).toEqual([
      'apiextensions.crossplane.io/v1 Composition realtime-platform',
      'apiextensions.crossplane.io/v2 CompositeResourceDefinition realtimeplatforms.realtime.platform.example.org',
    ]);
    // What Crossplane's Go types read back is what the generator wrote.
    expect(r.meta).toEqual(
      parse(fs.readFileSync(path.join(root, XP, 'crossplane.yaml'), 'utf8')),
    );
  });

  it.each<[string, () => void, string]>([
    [
      'a field the meta types lack',
      () => change('crossplane.yaml', '  dependsOn:', '  dependOn:'),
      `crossplane.yaml: decoding the package meta object: strict decoding error: unknown field "spec.dependOn": Crossplane's API types have no such field (Crossplane would drop it): fix its name or remove it`,
    ],
    [
      'a field the Composition type lacks',
      () =>
        change(
          'composition.yaml',
          '  mode: Pipeline',
          '  mode: Pipeline\n  modes: Pipeline',
        ),
      `composition.yaml: decoding: strict decoding error: unknown field "spec.modes": Crossplane's API types have no such field (Crossplane would drop it): fix its name or remove it`,
    ],
    [
      'a Function object in the package',
      () =>
        fs.writeFileSync(
          path.join(tmp, 'functions.yaml'),
          src.functions[0].text,
        ),
      `functions.yaml: not an object a Configuration package may hold (crossplane-runtime lint.go NewConfigurationLinter): no kind "Function" is registered for version "pkg.crossplane.io/v1" in scheme "pkg/runtime/scheme.go:111": declare Functions and Providers in crossplane.yaml spec.dependsOn, remove any other object`,
    ],
    [
      'a malformed Crossplane constraint (Masterminds semver)',
      () =>
        change('crossplane.yaml', 'version: ">=v2.0.0-0"', 'version: ">>= 2"'),
      `crossplane.yaml: spec.crossplane.version ">>= 2": package version constraints are poorly formatted: improper constraint: ">>= 2": write a constraint like ">=v2.0.0-0"`,
    ],
    [
      'a malformed dependency constraint',
      () =>
        change(
          'crossplane.yaml',
          'version: ">=v0.5.0, <v0.6.0"',
          'version: latest',
        ),
      `crossplane.yaml: spec.dependsOn[1].version "latest" is not a semver constraint or digest: improper constraint: "latest": write a constraint like ">=v1.2.0, <v2.0.0"`,
    ],
    [
      'a tagged dependency package (go-containerregistry, strict)',
      () =>
        change(
          'crossplane.yaml',
          `package: ${PROVIDER}`,
          `package: ${PROVIDER}:v1.2.1`,
        ),
      `crossplane.yaml: spec.dependsOn[2] package "${PROVIDER}:v1.2.1" is not a fully qualified repository without tag: repository can only contain the characters \`abcdefghijklmnopqrstuvwxyz0123456789_-./\`: crossplane-contrib/provider-kubernetes:v1.2.1: name the registry and repository only (registry/org/name)`,
    ],
  ])('fails on %s', async (_what, mutate, problem) => {
    mutate();
    const r = await check();
    expect(r.problems).toEqual([problem]);
    expect(r.code).toBe(1);
  });

  it('fails on a second meta object', async () => {
    fs.mkdirSync(path.join(tmp, 'extra'));
    fs.copyFileSync(
      path.join(tmp, 'crossplane.yaml'),
      path.join(tmp, 'extra', 'meta.yaml'),
    );
    expect((await check()).problems).toEqual([
      '.: not exactly one package meta type: found 2 (crossplane.yaml holds the one Configuration)',
      "extra/meta.yaml: the package meta object must be the package root's crossplane.yaml",
    ]);
  });
});

describe('the KubeVela addon (platform/package/vela-addon/realtime-platform)', () => {
  const AT = `${ADDON}/metadata.yaml`;
  it('meets every rule of the addon loader', () => {
    expect(velaAddonIssues(addon, src)).toEqual([]);
    expect([...addon.files.keys()].sort()).toEqual([
      'README.md',
      'definitions/realtime-platform.yaml',
      'definitions/realtime-webservice.yaml',
      'metadata.yaml',
    ]);
  });

  it.each<[string, () => PackageTree, string[]]>([
    [
      'metadata.yaml exists (utils.go validateAddonPackage)',
      () => withFile(addon, 'metadata.yaml'),
      [
        `${AT} is missing: "the addon package doesn't have \`metadata.yaml\`": add it with name and version`,
      ],
    ],
    [
      'metadata.yaml defines name and version (utils.go validateAddonPackage)',
      () =>
        edited(addon, 'metadata.yaml', o => {
          delete o.name;
          delete o.version;
        }),
      [
        `${AT}: name is missing ("\`matadata.yaml\` must define the name of addon"): set name: realtime-platform`,
        `${AT}: version is missing ("\`matadata.yaml\` must define the version of addon"): set version (0.1.0)`,
      ],
    ],
    [
      'the name is an addon name (init.go AddonNameRegex)',
      () =>
        edited(addon, 'metadata.yaml', o => {
          o.name = 'Realtime_Platform';
        }),
      [
        `${AT}: name Realtime_Platform must be lower-case letters, digits and dashes (kubevela pkg/addon/init.go AddonNameRegex): set name: realtime-platform`,
      ],
    ],
    [
      'the name is the directory name (references/cli/addon.go enables a directory under its base name)',
      () =>
        edited(addon, 'metadata.yaml', o => {
          o.name = 'realtime';
        }),
      [
        `${AT}: name realtime differs from the directory name realtime-platform, which \`vela addon enable <dir>\` uses as the addon name: rename one to match`,
      ],
    ],
    [
      'metadata.yaml has only Meta fields (type.go)',
      () =>
        edited(addon, 'metadata.yaml', o => {
          o.dependsOn = [];
        }),
      [
        `${AT}: dependsOn is not a metadata.yaml field (kubevela pkg/addon/type.go Meta; KubeVela ignores it): use one of name, version, description, icon, url, tags, uxPlugins, deployTo, dependencies, needNamespace, invisible, system, annotations, or remove it`,
      ],
    ],
    [
      'system.vela admits every verified KubeVela release',
      () =>
        edited(addon, 'metadata.yaml', o => {
          o.system.vela = '>=v1.10.0';
        }),
      [
        `${AT}: system.vela ">=v1.10.0" excludes v1.9.14, a release the definitions are verified against (KUBEVELA_RELEASES): widen it to include v1.9.14`,
      ],
    ],
    [
      'system constraints parse as checkSemVer reads them (addon.go)',
      () =>
        edited(addon, 'metadata.yaml', o => {
          o.system.kubernetes = 'one point thirty';
        }),
      [
        `${AT}: system.kubernetes "one point thirty" is not a constraint KubeVela's checkSemVer parses ("one" is not an operator (=, !=, >, <, >=, <=, ~, ^) followed by a version): write one like ">=v1.9.0"`,
      ],
    ],
    [
      'every file is one the reader reads (addon.go Patterns)',
      () => withFile(addon, 'notes.txt', 'x'),
      [
        `${ADDON}/notes.txt: KubeVela's addon reader ignores this file (it matches none of config-templates, README.md, metadata.yaml, template.yaml, resources/parameter.cue, resources, definitions, schemas, views, godef, template.cue, parameter.cue, NOTES.cue, readme.md): move it or remove it`,
      ],
    ],
    [
      'not both template.cue and template.yaml (render.go ErrBothCueAndYamlTmpl)',
      () =>
        withFile(
          withFile(addon, 'template.cue', 'package main\n'),
          'template.yaml',
          'a: 1\n',
        ),
      [
        `${ADDON}/template.yaml: the addon has both template.cue and template.yaml, which KubeVela refuses: keep one`,
      ],
    ],
    [
      'one definition per file (addon.go renderObject decodes one object)',
      () =>
        withFile(
          addon,
          'definitions/realtime-platform.yaml',
          `${addon.files.get(
            'definitions/realtime-platform.yaml',
          )}---\n${addon.files.get('definitions/realtime-webservice.yaml')}`,
        ),
      [
        `${ADDON}/definitions/realtime-platform.yaml: holds 2 documents, but KubeVela reads only the first of a definitions file: one definition per file`,
      ],
    ],
    [
      'a definition file is named after its definition (helper.go extractDefinitionNameFromFile)',
      () =>
        withFile(
          withFile(addon, 'definitions/realtime-webservice.yaml'),
          'definitions/webservice.yaml',
          addon.files.get('definitions/realtime-webservice.yaml'),
        ),
      [
        `${ADDON}/definitions/webservice.yaml: metadata.name realtime-webservice differs from the file name: name the file realtime-webservice.yaml (KubeVela takes the file name as the definition's name)`,
      ],
    ],
    [
      'a definition sets no namespace (addon.go RenderDefinitions installs into vela-system)',
      () =>
        edited(addon, 'definitions/realtime-webservice.yaml', o => {
          o.metadata.namespace = 'default';
        }),
      [
        `${ADDON}/definitions/realtime-webservice.yaml: metadata.namespace is set, but KubeVela installs addon definitions into vela-system: remove it`,
      ],
    ],
    [
      'a definition is a ComponentDefinition with a CUE template',
      () =>
        edited(addon, 'definitions/realtime-webservice.yaml', o => {
          o.kind = 'TraitDefinition';
          delete o.spec.schematic;
        }),
      [
        `${ADDON}/definitions/realtime-webservice.yaml: is TraitDefinition core.oam.dev/v1beta1: the platform's definitions are ComponentDefinitions (core.oam.dev/v1beta1)`,
        `${ADDON}/definitions/realtime-webservice.yaml: spec.schematic.cue.template is missing: a ComponentDefinition needs its CUE template`,
      ],
    ],
    [
      'every ComponentDefinition of the platform is in the addon',
      () => withFile(addon, 'definitions/realtime-webservice.yaml'),
      [
        `${ADDON}/definitions: has no ComponentDefinition realtime-webservice (platform/realtime-component-definitions.yaml): add definitions/realtime-webservice.yaml`,
      ],
    ],
  ])('fails when a rule is broken: %s', (_rule, mutate, expected) => {
    expect(velaAddonIssues(mutate(), src)).toEqual(expected);
  });

  // tools/kubevela-cue derives the parameter schema as each supported KubeVela release does.
  it.each(Object.keys(KUBEVELA_RELEASES))(
    'KubeVela %s derives the same parameter schemas from the addon files as from the platform file',
    async label => {
      for (const d of src.definitions) {
        const name = d.object.metadata.name;
        const file = path.join(root, ADDON, 'definitions', `${name}.yaml`);
        const [packaged, source] = await Promise.all([
          kubevelaCue(label, ['schema', file, name]),
          kubevelaCue(label, ['schema', path.join(root, d.file), name]),
        ]);
        expect(packaged.stderr).toBe('');
        expect(packaged.code).toBe(0);
        expect(packaged.json).toEqual(source.json);
      }
    },
  );

  it('the schema comparison sees a changed default in an addon definition (negative control)', async () => {
    const label = Object.keys(KUBEVELA_RELEASES)[0];
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'addon-definition-'));
    try {
      const text = addon.files.get('definitions/realtime-platform.yaml')!;
      const changed = text.replace(
        'partitions: *3 | int',
        'partitions: *4 | int',
      );
      expect(changed).not.toBe(text);
      fs.writeFileSync(path.join(tmp, 'realtime-platform.yaml'), changed);
      const [packaged, source] = await Promise.all([
        kubevelaCue(label, [
          'schema',
          path.join(tmp, 'realtime-platform.yaml'),
          'realtime-platform',
        ]),
        kubevelaCue(label, [
          'schema',
          path.join(root, 'platform', 'realtime-component-definitions.yaml'),
          'realtime-platform',
        ]),
      ]);
      expect(packaged.code).toBe(0);
      expect(packaged.json).not.toEqual(source.json);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('semantic version constraints (Masterminds/semver syntax, read structurally)', () => {
  it.each<[string, string, boolean]>([
    ['>=v0.11.0, <v0.12.0', 'v0.11.0', true],
    ['>=v0.11.0, <v0.12.0', 'v0.11.9', true],
    ['>=v0.11.0, <v0.12.0', 'v0.12.0', false],
    ['>=v2.0.0-0', 'v2.0.0', true],
    ['>=v2.0.0-0', 'v1.20.3', false],
    ['>= 1.9.14', 'v1.10.9', true],
    ['^1.2.3', 'v1.9.0', true],
    ['^1.2.3', 'v2.0.0', false],
    ['^0.2.3', 'v0.3.0', false],
    ['~1.2', 'v1.2.9', true],
    ['~1.2', 'v1.3.0', false],
    ['1.x', 'v1.7.1', true],
    ['<1.0.0 || >=2.0.0', 'v1.5.0', false],
    ['!=1.2.3', 'v1.2.3', false],
  ])('%s admits %s: %s', (constraint, version, admits) => {
    const c = parseConstraint(constraint);
    expect(c.ok && c.admits(version)).toBe(admits);
  });

  it.each([
    ['', 'it is empty'],
    [
      'latest',
      '"latest" is not an operator (=, !=, >, <, >=, <=, ~, ^) followed by a version',
    ],
    [
      '1.2 - 1.4',
      'hyphen ranges are not understood by this check: write >=low, <=high',
    ],
    ['>=1 ||', 'an alternative between `||` is empty'],
  ])('%j does not parse: %s', (constraint, reason) => {
    expect(parseConstraint(constraint)).toEqual({ ok: false, reason });
  });

  it('a pinned release gives the range up to the next breaking release', () => {
    expect(compatibleRange('v0.11.0')).toBe('>=v0.11.0, <v0.12.0');
    expect(compatibleRange('v1.2.1')).toBe('>=v1.2.1, <v2.0.0');
    expect(() => compatibleRange('v1.2.1-rc.1')).toThrow(
      'v1.2.1-rc.1 is not a released semantic version (vMAJOR.MINOR.PATCH): pin a release',
    );
  });
});
