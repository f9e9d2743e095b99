import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { kit } from './__fixtures__/testing';

// Each test spawns cue and composition-render; under a parallel repo-wide run they can take seconds.
jest.setTimeout(60_000);

const exec = promisify(execFile);
const bin = path.resolve(__dirname, '..', 'bin', 'realtime-kit');
const examples = path.join(kit.paths.root, 'platform', 'examples');

async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await exec(process.execPath, [bin, ...args], {
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (e: any) {
    return {
      code: e.code as number,
      stdout: e.stdout as string,
      stderr: e.stderr as string,
    };
  }
}

describe('realtime-kit CLI (runs the TypeScript sources under Node without a build)', () => {
  it('validate exits 0 for the examples', async () => {
    const r = await cli(
      'validate',
      path.join(examples, 'MINIMAL-REALTIME-OAM.yaml'),
      path.join(examples, 'REALTIME-OAM-EXAMPLE.yaml'),
    );
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    expect(r.stderr).toBe('');
  });

  it('validate exits 1 with one line per error naming file, component, field and fix', async () => {
    const file = path.join(examples, 'invalid', 'misspelt-property.yaml');
    const r = await cli(
      'validate',
      file,
      path.join(examples, 'MINIMAL-REALTIME-OAM.yaml'),
    );
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      `${file}: component "events": field "kafka.replica": unknown parameter "replica" (field not allowed) (fix: remove it or use one of: replicas, storage, autoCreateTopics)`,
    ]);
  });

  it('render prints nothing on stdout for an invalid application', async () => {
    const r = await cli(
      'render',
      path.join(examples, 'invalid', 'bad-topic-name.yaml'),
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('topics[0].name');
  });

  it('render prints the objects as YAML with secret values redacted', async () => {
    const r = await cli(
      'render',
      path.join(examples, 'MINIMAL-REALTIME-OAM.yaml'),
    );
    expect(r.code).toBe(0);
    const docs = parseAllDocuments(r.stdout).map(d => d.toJS());
    expect(docs.map(d => d.kind)).toEqual(
      expect.arrayContaining([
        'RealtimePlatform',
        'Deployment',
        'Service',
        'Secret',
        'Object',
      ]),
    );
    const creds = docs.find(
      d => d.kind === 'Secret' && d.metadata.name === 'events-credentials',
    );
    for (const v of Object.values<string>(creds.data))
      expect(v).toMatch(/^<redacted: \d+ bytes>$/);
  });

  it('secrets prints the contract without credential values', async () => {
    const r = await cli(
      'secrets',
      path.join(examples, 'MINIMAL-REALTIME-OAM.yaml'),
    );
    expect(r.code).toBe(0);
    const [report] = parseAllDocuments(r.stdout)[0].toJS();
    expect(report.secretName).toBe('events-conn');
    expect(
      report.keys.find((k: any) => k.key === 'POSTGRES_PASSWORD'),
    ).not.toHaveProperty('value');
  });

  it('an unknown command prints usage and exits 2', async () => {
    const r = await cli('deploy');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usage: realtime-kit');
  });
});
