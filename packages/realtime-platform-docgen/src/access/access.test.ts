import { createKit } from '@internal/realtime-platform-kit';
import { copyDocs } from '../__fixtures__/docsCopy';
import { repoRoot } from '../__fixtures__/testing';
import { compareDocs } from '../docFiles';
import { serviceOf } from './contract';
import { blockIds, generateAccess, replaceBlocks, SNIPPETS } from './pages';

jest.setTimeout(180_000);

describe('generated blocks', () => {
  const page = [
    'intro',
    '<!-- BEGIN GENERATED: topic-keys -->',
    'old table',
    '<!-- END GENERATED: topic-keys -->',
    'outro',
    '',
  ].join('\n');

  it('replaces only the body between the markers', () => {
    expect(replaceBlocks(page, { 'topic-keys': 'new table' }, 'p.md')).toBe(
      page.replace('old table', 'new table'),
    );
    expect(blockIds(page)).toEqual(['topic-keys']);
  });

  it('refuses a block it has no content for', () => {
    expect(() => replaceBlocks(page, {}, 'p.md')).toThrow(
      'p.md: unknown generated block topic-keys',
    );
  });

  it('refuses a connection key that belongs to no service', () => {
    expect(serviceOf('KAFKA_BOOTSTRAP_SERVERS')).toBe('Kafka');
    expect(() => serviceOf('REDIS_URL')).toThrow(
      /connection key REDIS_URL matches no service prefix/,
    );
  });
});

describe('generateAccess', () => {
  let copy: ReturnType<typeof copyDocs>;
  beforeAll(() => {
    copy = copyDocs();
  });
  afterAll(() => copy.dispose());
  const kit = createKit({ paths: { root: repoRoot } });

  it('on the committed pages: no problem, nothing stale', async () => {
    const docs = await generateAccess(kit, repoRoot);
    expect(docs.problems).toEqual([]);
    expect([...docs.files.keys()]).toEqual([
      'docs/access/index.md',
      'docs/access/secrets.md',
      'docs/access/rotation.md',
    ]);
    expect(compareDocs(docs, repoRoot)).toEqual([]);
  });

  it('negative controls: a stale table, a block no page holds, a snippet reading a non-contract key, a missing include', async () => {
    const rotation = copy.read('docs/access/rotation.md');
    copy.write(
      'docs/access/rotation.md',
      rotation.replace(
        /\| `MQTT_PASSWORD` \|[^\n]*/,
        '| `MQTT_PASSWORD` | edited | by hand |',
      ),
    );
    const secrets = copy.read('docs/access/secrets.md');
    copy.write(
      'docs/access/secrets.md',
      secrets.replace(
        /<!-- BEGIN GENERATED: extra-env -->[\s\S]*<!-- END GENERATED: extra-env -->\n/,
        '',
      ),
    );
    copy.write(
      `${SNIPPETS}/extra_reader.py`,
      'import os\nprint(os.environ["NOT_IN_CONTRACT"])\n',
    );
    copy.write(
      'docs/access/web-uis.md',
      `${copy.read(
        'docs/access/web-uis.md',
      )}\n--8<-- "docs/access/snippets/gone.py"\n`,
    );
    const docs = await generateAccess(kit, copy.root);
    expect(docs.problems).toEqual([
      'no page holds the generated block extra-env',
      `${SNIPPETS}/extra_reader.py reads NOT_IN_CONTRACT, which is not a key of telemetry-conn nor a documented extra`,
      'docs/access/web-uis.md includes docs/access/snippets/gone.py, which does not exist',
    ]);
    expect(compareDocs(docs, copy.root)).toEqual([
      expect.objectContaining({
        file: 'docs/access/rotation.md',
        reason: 'different',
        committed: '| `MQTT_PASSWORD` | edited | by hand |',
      }),
    ]);
  });
});
