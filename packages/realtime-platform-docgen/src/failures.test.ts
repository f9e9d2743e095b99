import fs from 'node:fs';
import path from 'node:path';
import { copyPlatform, runCli } from './__fixtures__/testing';
import { REGENERATE_COMMAND } from './common';
import { loadSource } from './source';

jest.setTimeout(180_000);

describe('generation refuses and the drift check detects', () => {
  let copy: ReturnType<typeof copyPlatform>;
  beforeEach(() => {
    copy = copyPlatform();
  });
  afterEach(() => copy.dispose());

  const cli = runCli;

  it('a default changed in platform/ without regenerating: names the stale page, the line and the command', async () => {
    const ref = path.join(copy.root, 'docs', 'reference');
    // The copy has platform/ only: the reference is the part it can generate.
    const only = ['--only', 'reference'];
    expect((await cli(['--root', copy.root, ...only])).code).toBe(0);
    expect(fs.readdirSync(ref).sort()).toEqual([
      'connection-secret.md',
      'constraints.md',
      'index.md',
      'realtime-platform-xrd.md',
      'realtime-platform.md',
      'realtime-webservice.md',
      'security.md',
    ]);
    expect(await cli(['--root', copy.root, '--check', ...only])).toEqual({
      code: 0,
      stderr: '',
    });

    copy.edit(
      'platform/realtime-component-definitions.yaml',
      // kafka.replicas (two tabs deep; its bounds are under `if _rendering`)
      '\t\treplicas: *1 | int\n',
      '\t\treplicas: *2 | int\n',
    );
    const { code, stderr } = await cli([
      '--root',
      copy.root,
      '--check',
      ...only,
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /docs\/reference\/realtime-platform\.md: stale from line \d+\n {4}committed: .*kafka-replicas.*<code>1<\/code>.*\n {4}generated: .*kafka-replicas.*<code>2<\/code>/,
    );
    expect(stderr).toContain(`run ${REGENERATE_COMMAND}`);
  });

  it('a parameter without a // +usage= description: fails naming the definition and the parameter', async () => {
    copy.edit(
      'platform/realtime-component-definitions.yaml',
      /^\s*\/\/ \+usage=Whether producers may create topics[^\n]*\n/m,
      '',
    );
    await expect(loadSource(copy.root)).rejects.toThrow(
      /definition realtime-platform: parameter kafka\.autoCreateTopics has no description/,
    );
  });

  it('a definition without an example: fails naming the definition', async () => {
    const dir = path.join(copy.root, 'platform', 'examples');
    for (const f of fs.readdirSync(dir))
      if (f.endsWith('.yaml')) fs.rmSync(path.join(dir, f));
    fs.writeFileSync(
      path.join(dir, 'ONLY-PLATFORM.yaml'),
      'apiVersion: core.oam.dev/v1beta1\nkind: Application\nmetadata: {name: only, namespace: demo}\nspec:\n  components:\n    - {name: events, type: realtime-platform}\n',
    );
    await expect(loadSource(copy.root)).rejects.toThrow(
      /definition realtime-webservice has no example/,
    );
  });
});
