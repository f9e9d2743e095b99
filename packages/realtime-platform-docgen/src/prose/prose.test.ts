/**
 * The prose check: every file, make target, in-cluster host, Service and port, secret key or
 * environment variable, and parameter path a docs page names outside its code blocks exists in
 * the repository or in what the examples render. One negative control per kind of claim.
 */
import { GENERATED_SHAPES, renderApps } from '@internal/realtime-platform-kit';
import { docs, examples, pagesOf, read } from '../__fixtures__/guide';
import { repoRoot } from '../__fixtures__/testing';
import { loadSource } from '../source';
import { falseClaims } from './check';
import { Claim, ClaimKind, proseClaims } from './claims';
import { ProseFacts, proseFacts } from './facts';

jest.setTimeout(180_000);

let facts: ProseFacts;
beforeAll(async () => {
  // The examples, and the generated shapes for what no example sets (MQTT over TLS).
  const shapes = await renderApps(
    docs.kit,
    GENERATED_SHAPES.map(([, app]) => app),
  );
  facts = proseFacts(
    repoRoot,
    [...(await examples()), ...shapes],
    await loadSource(repoRoot),
  );
});

const claimsOf = (page: string, text: string): Claim[] =>
  proseClaims(page, text, facts.topLevelParameters, facts.topDirs);

describe('the prose of the docs', () => {
  it('names only what exists: files, make targets, hosts, Services and ports, keys, parameters', () => {
    const pages = [...pagesOf('docs'), 'README.md', 'platform/README.md'];
    const claims = pages.flatMap(p => claimsOf(p, read(p)));
    const kinds = new Set(claims.map(c => c.kind));
    expect([...kinds].sort()).toEqual(
      [
        'file',
        'host',
        'key',
        'make-target',
        'parameter',
        'service-port',
        'service-ports',
        'placeholder',
      ].sort(),
    );
    expect(falseClaims(claims, facts)).toEqual([]);
  });

  const CONTROLS: [ClaimKind, string, string][] = [
    [
      'file',
      'see `platform/composition/no-such.yaml`',
      'the repository has no file platform/composition/no-such.yaml',
    ],
    [
      'file',
      'the `nosuch-report.sql` it writes',
      'no file of the repository is named nosuch-report.sql',
    ],
    ['make-target', 'run `make deploy`', 'the Makefile has no target deploy'],
    [
      'host',
      'at `kafka.factory--telemetry-realtime.svc.cluster.local:9093`',
      'Service kafka has no port 9093',
    ],
    [
      'host',
      'at `broker.<platform-namespace>.svc.cluster.local`',
      'no example composes a Service broker',
    ],
    [
      'host',
      'at `kafka-<n>.kafka.<ns>.svc.cluster.local:9092`',
      'the pods of StatefulSet kafka are named through Service kafka-headless, not kafka',
    ],
    ['service-port', 'on `kafka:9999`', 'Service kafka has no port 9999'],
    [
      'service-port',
      'on the `lenses-hq` Service, port `prometheus`',
      'Service lenses-hq has no port prometheus',
    ],
    [
      'service-ports',
      '\n\n| service | ports |\n| --- | --- |\n| `lenses-hq` | 8080, 10000 |\n\n',
      'Service lenses-hq has ports 10000, 8080, 9090, the table lists 10000, 8080',
    ],
    [
      'key',
      'read `KAFKA_NO_SUCH_KEY`',
      'KAFKA_NO_SUCH_KEY is no rendered Secret key',
    ],
    [
      'parameter',
      'set `kafka.partitions: 3`',
      'kafka.partitions is not a parameter',
    ],
  ];
  it.each(CONTROLS)(
    'negative control (%s): %s is refused',
    (kind, sentence, reason) => {
      const claims = claimsOf('control.md', `A sentence: ${sentence}.\n`);
      expect(claims.map(c => c.kind)).toEqual([kind]);
      expect(falseClaims(claims, facts)).toEqual([
        expect.stringContaining(reason),
      ]);
    },
  );

  it('reads no claim inside a code block, and gives the line of each claim', () => {
    const text =
      'one `kafka:9999`\n```sh\nkafka:9999 `make nothing`\n```\nthree\n`make nothing`\n';
    expect(claimsOf('p.md', text).map(c => [c.kind, c.line])).toEqual([
      ['service-port', 1],
      ['make-target', 6],
    ]);
  });
});
