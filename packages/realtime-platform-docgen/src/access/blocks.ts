import path from 'node:path';
import {
  CONNECTION_KEYS,
  topicKey,
} from '@internal/realtime-platform-contract';
import {
  PlatformSecrets,
  RealtimeKit,
  SecretKeyReport,
} from '@internal/realtime-platform-kit';
import { FULL_EXAMPLE } from '../guide/docsKit';
import {
  CONTRACT_FILE,
  CREDENTIALS,
  EXTRA_ENV,
  ROTATION,
  SERVICES,
  serviceOf,
} from './contract';
import { code, table } from './markdown';

/** The generated blocks' contents by block id, and the contract they were generated from. */
export interface AccessBlocks {
  blocks: Record<string, string>;
  /** The connection-secret contract of the comprehensive example's platform. */
  platform: PlatformSecrets;
}

function connectionKeys(platform: PlatformSecrets): string {
  const row = (k: SecretKeyReport) => {
    const when = CONNECTION_KEYS.find(c => c.key === k.key)?.when;
    return [
      code(k.key),
      k.description + (when ? ` (only when ${when})` : ''),
      k.credential
        ? `**credential**, never printed: ${k.shape}`
        : code(k.value!),
    ];
  };
  return [
    `Source: \`CONNECTION_KEYS\` and \`secrets()\` of \`packages/realtime-platform-kit\`, applied to`,
    `\`${FULL_EXAMPLE}\` (platform \`${platform.platform}\` in namespace \`${platform.namespace}\`).`,
    `Values are what that example renders to; yours differ by platform name and namespace.`,
    `The key is also the environment variable name.`,
    ...SERVICES.flatMap(([name]) => {
      const keys = platform.keys.filter(k => serviceOf(k.key) === name);
      return keys.length
        ? [
            '',
            `**${name}**`,
            '',
            table(['Key', 'What', 'Value in the example'], keys.map(row)),
          ]
        : [];
    }),
  ].join('\n');
}

function noCredential(service: string): string {
  if (service === 'Lenses HQ')
    return 'none in the secret: service-account keys are created in HQ';
  if (service === 'Metabase')
    return 'none in the secret: API keys are created in Metabase';
  return 'none (no authentication on this listener)';
}

function serviceSecrets(platform: PlatformSecrets): string {
  const fixed = new Set(CONNECTION_KEYS.map(k => k.key));
  return table(
    [
      'Service',
      'Secret (namespace of the application)',
      'Keys',
      'Generated credential behind it',
    ],
    SERVICES.map(([name]) => {
      const keys = platform.keys.filter(k => serviceOf(k.key) === name);
      return [
        name,
        code(`${platform.secretName.replace(/^[^-]+/, '<platform>')}`),
        keys
          .filter(k => fixed.has(k.key))
          .map(k => code(k.key))
          .join(', ') +
          (name === 'Kafka' ? ', one `TOPIC_<NAME>` per declared topic' : ''),
        [
          ...new Set(
            keys.flatMap(
              k =>
                CONNECTION_KEYS.find(c => c.key === k.key)?.generatedFrom ?? [],
            ),
          ),
        ]
          .map(k => `${code(k)} of ${code('<platform>-credentials')}`)
          .join(', ') || noCredential(name),
      ];
    }),
  );
}

function credentials(
  credentialKeys: string[],
  rotateNote: string,
  mqttUsers: string[],
): string {
  for (const k of credentialKeys)
    if (!CREDENTIALS[k])
      throw new Error(
        `credential ${k} of <platform>-credentials is not described in ${CONTRACT_FILE}`,
      );
  for (const k of Object.keys(CREDENTIALS))
    if (!credentialKeys.includes(k))
      throw new Error(
        `${CONTRACT_FILE} describes ${k}, which <platform>-credentials no longer has`,
      );
  return [
    `Keys of \`<platform>-credentials\` as the composition renders them for \`${FULL_EXAMPLE}\` (values generated once,`,
    `kept across reconciliations). The composition's own note on the secret: *${rotateNote}*.`,
    '',
    table(
      ['Key', 'Used by', 'Rotate'],
      credentialKeys.map(k => [
        code(k),
        CREDENTIALS[k][0],
        ROTATION[CREDENTIALS[k][1]],
      ]),
    ),
    '',
    `\`<platform>-mqtt-users\` holds one generated password per device user of \`mqtt.users\` (in the example: ${mqttUsers
      .map(code)
      .join(
        ', ',
      )}); rotate one by deleting its key and restarting the \`mqtt\` pod.`,
  ].join('\n');
}

/**
 * Generates every block of the access pages from the kit's contract (`CONNECTION_KEYS`,
 * `topicKey`, and the secrets and render of the comprehensive example).
 */
export async function accessBlocks(
  kit: RealtimeKit,
  root: string,
): Promise<AccessBlocks> {
  const file = path.join(root, FULL_EXAMPLE);
  const [platform] = await kit.secrets(file);
  const rendered = await kit.render(file);
  const composed = rendered.platforms[0].composed;
  const credSecret = composed.find(c => c.name === 'credentials')!.resource;
  const usersSecret = composed.find(c => c.name === 'mqtt-users')!.resource;
  for (const spec of CONNECTION_KEYS) {
    if (!platform.keys.some(k => k.key === spec.key))
      throw new Error(
        `example lacks key ${spec.key}: use an example that sets every part`,
      );
  }
  const topics: { name: string }[] = rendered.platforms[0].xr.spec.topics;
  return {
    platform,
    blocks: {
      'connection-keys': connectionKeys(platform),
      'service-secrets': serviceSecrets(platform),
      'topic-keys': table(
        ['Declared topic', 'Key in `<platform>-conn`'],
        topics.map(t => [code(t.name), code(topicKey(t.name))]),
      ),
      credentials: credentials(
        Object.keys(credSecret.data!).sort(),
        credSecret.metadata.annotations![
          'realtime.platform.example.org/rotate'
        ],
        Object.keys(usersSecret.data!).sort(),
      ),
      'extra-env': table(
        ['Variable', 'Where it comes from'],
        Object.entries(EXTRA_ENV).map(([k, v]) => [code(k), v]),
      ),
    },
  };
}
