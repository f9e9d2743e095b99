import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { COMPOSITION_SOURCES_DIR } from './compositionSources';
import { loadCompositionFile } from './composition';
import { loadDefinitions } from './definitions';
import {
  CATALOG_SOURCE,
  checkPackages,
  CROSSPLANE_PACKAGE_DIR,
  PACKAGE_RELEASE_FILE,
  PACKAGES_COMMAND,
  PROVIDER_SOURCE,
  readPackageSources,
  staleMessage,
  VELA_ADDONS_DIR,
} from './installPackages';
import { packagesCommand } from './packagesCli';
import { dependencyObjectName, toDnsLabel } from './packageRef';
import { findRoot } from './paths';

const root = findRoot();
const src = readPackageSources(root);
const ADDON_DIR = `${VELA_ADDONS_DIR}/${src.name}`;

/** A repository root in a temporary directory with copies of every source of the packages. */
function copyRoot(): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'install-packages-'));
  for (const p of [
    COMPOSITION_SOURCES_DIR,
    'platform/package',
    'platform/realtime-component-definitions.yaml',
    CATALOG_SOURCE,
    PROVIDER_SOURCE,
  ])
    fs.cpSync(path.join(root, p), path.join(tmp, p), { recursive: true });
  return tmp;
}

function edit(dir: string, file: string, change: (text: string) => string) {
  const full = path.join(dir, file);
  const before = fs.readFileSync(full, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before);
  fs.writeFileSync(full, after);
}

describe('platform/package is generated from the platform sources', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = copyRoot();
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('the committed packages are what the generator makes of the committed sources', () => {
    // On failure: `staleMessage` names each file and the regenerate command.
    expect(staleMessage(checkPackages(root))).toBe('');
  });

  it('a changed source makes a package stale (a Function pin feeds crossplane.yaml)', () => {
    edit(tmp, `${COMPOSITION_SOURCES_DIR}/composition.yaml`, t =>
      t.replace('function-auto-ready:v0.5.0', 'function-auto-ready:v0.6.1'),
    );
    const stale = checkPackages(tmp);
    expect(stale).toEqual([
      {
        file: `${CROSSPLANE_PACKAGE_DIR}/crossplane.yaml`,
        reason: 'different',
        line: 22,
      },
    ]);
    expect(staleMessage(stale)).toBe(
      `${CROSSPLANE_PACKAGE_DIR}/crossplane.yaml is stale: line 22 differs from what its sources make. It is generated: change the sources and run ${PACKAGES_COMMAND}`,
    );
  });

  it('a hand edit, a missing file and an extra file are reported', () => {
    edit(tmp, `${ADDON_DIR}/metadata.yaml`, t =>
      t.replace('version: 0.1.0', 'version: 0.1.1'),
    );
    fs.rmSync(path.join(tmp, CROSSPLANE_PACKAGE_DIR, 'definition.yaml'));
    fs.writeFileSync(
      path.join(tmp, CROSSPLANE_PACKAGE_DIR, 'extra.yaml'),
      'a: 1\n',
    );
    expect(staleMessage(checkPackages(tmp)).split('\n')).toEqual([
      `${CROSSPLANE_PACKAGE_DIR}/definition.yaml is missing: run ${PACKAGES_COMMAND}`,
      `${ADDON_DIR}/metadata.yaml is stale: line 5 differs from what its sources make. It is generated: change the sources and run ${PACKAGES_COMMAND}`,
      `${CROSSPLANE_PACKAGE_DIR}/extra.yaml is not generated (the package would ship it): delete it, or run ${PACKAGES_COMMAND}`,
    ]);
  });

  it('`packages generate --check` fails on a stale package; `generate` rewrites it and removes orphans', async () => {
    fs.writeFileSync(path.join(tmp, ADDON_DIR, 'notes.txt'), 'x\n');
    const err = jest
      .spyOn(process.stderr, 'write')
      .mockImplementation(() => true);
    const out = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation(() => true);
    try {
      expect(await packagesCommand(['generate', '--check'], tmp)).toBe(1);
      expect(err).toHaveBeenCalledWith(
        `${ADDON_DIR}/notes.txt is not generated (the package would ship it): delete it, or run ${PACKAGES_COMMAND}\n`,
      );
      expect(await packagesCommand(['generate'], tmp)).toBe(0);
      expect(out).toHaveBeenCalledWith(`${ADDON_DIR}/notes.txt: written\n`);
      expect(fs.existsSync(path.join(tmp, ADDON_DIR, 'notes.txt'))).toBe(false);
      expect(await packagesCommand(['generate', '--check'], tmp)).toBe(0);
      expect(
        await packagesCommand(['generate', '--force'], tmp),
      ).toBeUndefined();
    } finally {
      err.mockRestore();
      out.mockRestore();
    }
  });

  it('sources that break a packaging rule are refused, naming the rule, and nothing is written', async () => {
    // A Function pinned to a tag that is no release: no semver constraint can be derived.
    edit(tmp, `${COMPOSITION_SOURCES_DIR}/composition.yaml`, t =>
      t.replace('function-auto-ready:v0.5.0', 'function-auto-ready:latest'),
    );
    await expect(packagesCommand(['generate'], tmp)).rejects.toThrow(
      'latest is not a released semantic version (vMAJOR.MINOR.PATCH): pin a release',
    );
  });

  it('the release file must give a version without v and string tags', () => {
    edit(tmp, PACKAGE_RELEASE_FILE, t =>
      t.replace('version: 0.1.0', 'version: v0.1.0'),
    );
    expect(() => readPackageSources(tmp)).toThrow(
      `${PACKAGE_RELEASE_FILE}: \`version\` must be a semantic version without a leading v (e.g. 0.1.0)`,
    );
  });
});

describe('the packages carry the sources unchanged', () => {
  const composition = loadCompositionFile(
    path.join(root, 'platform', 'realtime-compositions.yaml'),
  );
  const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

  it('definition.yaml is the XRD of platform/realtime-compositions.yaml', () => {
    expect(parse(read(`${CROSSPLANE_PACKAGE_DIR}/definition.yaml`))).toEqual(
      composition.xrd,
    );
  });

  it('composition.yaml is the Composition, its functions called by the names their dependencies get', () => {
    const packaged = parse(read(`${CROSSPLANE_PACKAGE_DIR}/composition.yaml`));
    const expected = structuredClone(composition.composition);
    for (const step of expected.spec.pipeline) {
      const fn = composition.functions.find(
        f => f.metadata.name === step.functionRef.name,
      )!;
      step.functionRef.name = dependencyObjectName(
        (fn.spec as { package: string }).package,
      );
    }
    expect(packaged).toEqual(expected);
    expect(
      packaged.spec.pipeline.map(
        (s: { functionRef: { name: string } }) => s.functionRef.name,
      ),
    ).toEqual([
      'crossplane-contrib-function-go-templating',
      'crossplane-contrib-function-auto-ready',
    ]);
  });

  it('crossplane.yaml depends on exactly the Functions and the Provider the platform pins', () => {
    const meta = parse(read(`${CROSSPLANE_PACKAGE_DIR}/crossplane.yaml`));
    const pinned = [...composition.functions, src.provider.object].map(
      o => (o.spec as { package: string }).package,
    );
    expect(
      meta.spec.dependsOn.map((d: { package: string }) => d.package),
    ).toEqual(pinned.map(p => p.replace(/:[^:/]+$/, '')));
    expect(meta.spec.crossplane.version).toBe('>=v2.0.0-0');
  });

  it('each addon definition is the ComponentDefinition of platform/realtime-component-definitions.yaml', () => {
    const source = parseAllDocuments(
      read('platform/realtime-component-definitions.yaml'),
    ).map(d => d.toJS());
    const names = [
      ...loadDefinitions(
        path.join(root, 'platform', 'realtime-component-definitions.yaml'),
      ).keys(),
    ];
    expect(names).toEqual(['realtime-platform', 'realtime-webservice']);
    for (const name of names)
      expect(parse(read(`${ADDON_DIR}/definitions/${name}.yaml`))).toEqual(
        source.find(o => o.metadata.name === name),
      );
  });

  it('metadata.yaml takes name and description from the catalog, version from the release file', () => {
    const meta = parse(read(`${ADDON_DIR}/metadata.yaml`));
    const release = parse(read(PACKAGE_RELEASE_FILE));
    expect(meta).toEqual({
      name: 'realtime-platform',
      version: release.version,
      description: src.description,
      tags: release.tags,
      system: { vela: '>=v1.9.14' },
    });
  });
});

describe('package references (crossplane-runtime pkg/xpkg/name.go ToDNSLabel)', () => {
  it.each([
    [
      'crossplane-contrib/function-go-templating',
      'crossplane-contrib-function-go-templating',
    ],
    ['Org/Fn_X.v1', 'rg-n-v1'],
    ['/leading/and/trailing/', 'leading-and-trailing'],
    ['a'.repeat(70), 'a'.repeat(63)],
  ])('%s → %s', (s, label) => expect(toDnsLabel(s)).toBe(label));

  it('a dependency object is named after the repository path, not the registry or tag', () =>
    expect(
      dependencyObjectName(
        'xpkg.crossplane.io/crossplane-contrib/provider-kubernetes:v1.2.1',
      ),
    ).toBe('crossplane-contrib-provider-kubernetes'));
});
