import {
  CONNECTION_KEYS,
  platformNames,
  topicKey,
} from '@internal/realtime-platform-contract';
import { PlatformSecrets } from '@internal/realtime-platform-kit';
import { PAGES, preamble, stampSection } from '../common';
import { anchorId, code, heading, snippet, table, text } from '../markdown';
import { DocgenError, ReferenceSource } from '../source';

/** Everything the secret page needs from rendering the examples. */
export interface SecretFacts {
  /** The contract of every platform in every example, by example path. */
  byExample: { repoPath: string; secrets: PlatformSecrets[] }[];
}

/** Renders the examples' secret contracts; fails when a key points to a Service the composition does not create. */
export async function secretFacts(src: ReferenceSource): Promise<SecretFacts> {
  const byExample = [];
  for (const e of src.examples) {
    const secrets = await src.kit.secrets(`${src.root}/${e.repoPath}`);
    for (const s of secrets) {
      for (const spec of CONNECTION_KEYS) {
        const report = s.keys.find(k => k.key === spec.key);
        if (report && spec.service && !report.service) {
          throw new DocgenError(
            `connection secret key ${spec.key}: Service ${spec.service.name}:${spec.service.port} is not created by the Composition for ${e.repoPath}`,
          );
        }
      }
    }
    byExample.push({ repoPath: e.repoPath, secrets });
  }
  return { byExample };
}

type Names = ReturnType<typeof platformNames>;

const KEY_HEADER = [
  'Key',
  'Meaning',
  'Value shape',
  'Points to',
  'Env var in a webservice',
  'Present',
  'Credential',
];

/** One row per key of the contract, then the `TOPIC_<NAME>` pattern that stands for one key per topic. */
function keyRows(names: Names): string[][] {
  const rows = CONNECTION_KEYS.map(k => [
    `<a id="${anchorId(k.key)}"></a>${code(k.key)}`,
    text(k.description),
    text(k.shape),
    k.service
      ? `Service ${code(k.service.name)} port ${k.service.port} in ${code(
          names.platformNamespace,
        )}`
      : '—',
    code(k.key),
    k.when ? text(`only when ${k.when}`) : 'always',
    k.credential ? 'yes' : 'no',
  ]);
  rows.push(topicKeyRow());
  return rows;
}

function topicKeyRow(): string[] {
  return [
    `<a id="topic-name"></a>${code('TOPIC_<NAME>')}`,
    `Name of one declared topic; ${code(
      '<NAME>',
    )} is the topic name upper-cased with every character other than A-Z and 0-9 replaced by ${code(
      '_',
    )} (for example ${code('machines.telemetry')} → ${code(
      topicKey('machines.telemetry'),
    )})`,
    'topic name',
    '—',
    code('TOPIC_<NAME>'),
    text('one per entry of topics'),
    'no',
  ];
}

function introSection(names: Names): string[] {
  return [
    '# Connection secret',
    '',
    `Every platform writes one aggregate connection secret, ${code(
      names.connectionSecret,
    )}, in the application namespace ${code('<app-namespace>')}. A [${code(
      'realtime-webservice',
    )}](${PAGES.definition('realtime-webservice')}#realtime) with ${code(
      'realtime: <platform>',
    )} receives all of its keys as environment variables (${code(
      'envFrom',
    )}, variable name = key), and the definition rejects ${code(
      'env',
    )} entries that would override them. The workloads run in ${code(
      names.platformNamespace,
    )}.`,
    '',
  ];
}

function keysSection(names: Names): string[] {
  return [
    heading(2, 'Keys', 'keys'),
    '',
    table(KEY_HEADER, keyRows(names)),
    '',
  ];
}

function relatedSecretsSection(names: Names): string[] {
  return [
    heading(2, 'Related secrets', 'related-secrets'),
    '',
    table(
      ['Secret', 'Namespace', 'Holds'],
      [
        [
          code(names.credentialsSecret),
          code('<app-namespace>'),
          'the generated passwords (source of truth; generated once, then kept)',
        ],
        [
          code(names.mqttUsersSecret),
          code('<app-namespace>'),
          `one generated password per entry of [${code(
            'mqtt.users',
          )}](${PAGES.definition(
            'realtime-platform',
          )}#mqtt-users), keyed by user name`,
        ],
      ],
    ),
    '',
  ];
}

/** One row per platform of each example: where its secret lands, who receives it, its keys. */
function observedRows(facts: SecretFacts): string[][] {
  return facts.byExample.flatMap(e =>
    e.secrets.map(s => [
      code(e.repoPath),
      code(s.secretName),
      code(s.namespace),
      s.consumers.length ? s.consumers.map(c => code(c)).join(', ') : '—',
      s.keys.map(k => code(k.key)).join(' '),
    ]),
  );
}

/** The example whose values are shown: the full one (`REALTIME-OAM-EXAMPLE.yaml`), else the first. */
function valuesExample(
  facts: SecretFacts,
): SecretFacts['byExample'][number] | undefined {
  return (
    facts.byExample.find(e => /EXAMPLE/i.test(e.repoPath)) ?? facts.byExample[0]
  );
}

/** The values of the first platform's keys; credentials are never printed. */
function valueRows(
  example: SecretFacts['byExample'][number] | undefined,
): string[][] {
  return (example?.secrets[0]?.keys ?? []).map(k => [
    code(k.key),
    k.credential ? 'generated (never printed)' : code(k.value ?? ''),
    k.service
      ? `${code(k.service.name)}:${k.service.port} in ${code(
          k.service.namespace,
        )}`
      : '—',
  ]);
}

function exampleSnippets(facts: SecretFacts): string[] {
  return facts.byExample.flatMap(e => [
    heading(
      3,
      code(e.repoPath),
      `example-${anchorId(
        e.repoPath.replace(/^.*\//, '').replace(/\.ya?ml$/, ''),
      )}`,
    ),
    '',
    snippet(e.repoPath),
    '',
  ]);
}

function examplesSection(facts: SecretFacts): string[] {
  const full = valuesExample(facts);
  return [
    heading(2, 'Examples', 'examples'),
    '',
    'Keys of the connection secret each example renders, and the webservices that receive it:',
    '',
    table(
      ['Example', 'Secret', 'Namespace', 'Received by', 'Keys'],
      observedRows(facts),
    ),
    '',
    full
      ? `Values for ${code(
          full.repoPath,
        )} (credentials are generated and never printed):`
      : '',
    '',
    table(
      ['Key', 'Value', 'Service checked in the rendered Composition'],
      valueRows(full),
    ),
    '',
    ...exampleSnippets(facts),
  ];
}

/** The connection-secret page: every key, its shape, the Service and port, the env var. */
export function secretPage(src: ReferenceSource, facts: SecretFacts): string {
  const names = platformNames('<platform>', '<app-namespace>');
  return [
    ...preamble(),
    ...introSection(names),
    ...keysSection(names),
    ...relatedSecretsSection(names),
    ...examplesSection(facts),
    ...stampSection(src),
  ].join('\n');
}
