#!/usr/bin/env node
/* eslint-disable no-console */
// Generates the connection-secret tables of docs/access/*.md from the realtime-platform kit's
// contract (CONNECTION_KEYS, topicKey, and the secrets/render of the comprehensive example), and
// checks that every example in docs/access/snippets reads only keys of that contract.
//
//   node scripts/docs/access-tables.js           rewrite the generated blocks in place
//   node scripts/docs/access-tables.js --check   exit 1 when a page or a snippet has drifted
//
// A generated block sits between `<!-- BEGIN GENERATED: <id> -->` and `<!-- END GENERATED: <id> -->`.
require('@backstage/cli/config/nodeTransform.cjs');
const fs = require('node:fs');
const path = require('node:path');
const kit = require('../../packages/realtime-platform-kit/src');

const REPO = path.resolve(__dirname, '../..');
const EXAMPLE = 'platform/examples/REALTIME-OAM-EXAMPLE.yaml';
const PAGES = [
  'docs/access/index.md',
  'docs/access/secrets.md',
  'docs/access/rotation.md',
];
const SNIPPETS = 'docs/access/snippets';

// Variables the examples read that are NOT in <platform>-conn, on purpose: credentials a person
// creates in Lenses HQ / Metabase and stores in a secret of their own (docs/access/secrets.md).
const EXTRA_ENV = {
  LENSES_HQ_TOKEN:
    'Lenses HQ service-account key, from a secret you create (lenses-api-token)',
  METABASE_API_KEY:
    'Metabase API key, from a secret you create (metabase-api-key)',
  METABASE_USERNAME: 'Metabase user e-mail (session example only)',
  METABASE_PASSWORD: 'Metabase user password (session example only)',
};

// Which service each connection key belongs to: by prefix; an unknown prefix is an error, so a
// new key in the contract cannot be left out of the pages.
const SERVICES = [
  ['Kafka', /^(KAFKA_|TOPIC_)/],
  ['Schema registry', /^SCHEMA_REGISTRY_/],
  ['MQTT (Mosquitto)', /^MQTT_/],
  ['Lenses HQ', /^LENSES_/],
  ['Metabase', /^METABASE_/],
  ['PostgreSQL', /^POSTGRES_/],
];

// What each generated credential of <platform>-credentials is for and how it is rotated; a key
// that the composition writes and that is missing here fails the generator.
const CREDENTIALS = {
  MQTT_PASSWORD: [
    'MQTT user `app` (MQTT_USERNAME), copied into `<platform>-conn`',
    'mqtt',
  ],
  MQTT_BRIDGE_PASSWORD: [
    'MQTT user `bridge` of the MQTT-to-Kafka connector',
    'mqtt',
  ],
  POSTGRES_PASSWORD: [
    'analytics role (`postgresql.user`), copied into `<platform>-conn`',
    'pg',
  ],
  POSTGRES_ADMIN_PASSWORD: ['PostgreSQL superuser `postgres`', 'pg-admin'],
  METABASE_DB_PASSWORD: [
    'role `metabase` (Metabase application database)',
    'pg',
  ],
  LENSES_HQ_DB_PASSWORD: ['role `lenses_hq` (Lenses HQ state)', 'pg'],
  LENSES_AGENT_DB_PASSWORD: ['role `lenses_agent` (Lenses Agent state)', 'pg'],
  METABASE_ADMIN_PASSWORD: [
    'first Metabase administrator (`metabase.adminEmail`)',
    'metabase',
  ],
  LENSES_ADMIN_PASSWORD: ['Lenses HQ user `admin`', 'lenses'],
  LENSES_ADMIN_PASSWORD_BCRYPT: [
    'bcrypt hash of LENSES_ADMIN_PASSWORD, read by HQ',
    'lenses',
  ],
  KAFKA_CLUSTER_ID: [
    'KRaft cluster id the Kafka storage was formatted with (not a credential)',
    'never',
  ],
};
const ROTATION = {
  mqtt: 'delete the key; restart the `mqtt` pod (the password file is rebuilt at start) and the clients',
  pg: 'delete the key, then `ALTER ROLE` with the new value (the role keeps its old password otherwise); restart the users',
  'pg-admin': 'delete the key, then `ALTER ROLE postgres` with the new value',
  metabase:
    'change it in Metabase (Account settings or `PUT /api/user/:id/password`), then store the new value in the key',
  lenses:
    'delete **both** LENSES_ADMIN_PASSWORD and LENSES_ADMIN_PASSWORD_BCRYPT; restart `lenses-hq`',
  never: 'never: a new id makes the broker refuse its existing data',
};

function serviceOf(key) {
  const found = SERVICES.find(([, re]) => re.test(key));
  if (!found)
    throw new Error(
      `connection key ${key} matches no service prefix in ${__filename}`,
    );
  return found[0];
}

const code = s => `\`${s}\``;
// Table cell: pipes escaped; outside `code`, < and > are escaped so `<platform>` is not read as HTML.
const cell = s =>
  String(s)
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ')
    .split('`')
    .map((part, i) =>
      i % 2 ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    )
    .join('`');
function table(head, rows) {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map(r => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

async function blocks() {
  const [platform] = await kit.secrets(path.join(REPO, EXAMPLE));
  const rendered = await kit.render(path.join(REPO, EXAMPLE));
  const composed = rendered.platforms[0].composed;
  const credSecret = composed.find(c => c.name === 'credentials').resource;
  const usersSecret = composed.find(c => c.name === 'mqtt-users').resource;
  const out = {};

  // 1. Every key of <platform>-conn, by service.
  const fixed = new Set(kit.CONNECTION_KEYS.map(k => k.key));
  const row = k => {
    const when = kit.CONNECTION_KEYS.find(c => c.key === k.key)?.when;
    return [
      code(k.key),
      k.description + (when ? ` (only when ${when})` : ''),
      k.credential
        ? `**credential**, never printed: ${k.shape}`
        : code(k.value),
    ];
  };
  for (const spec of kit.CONNECTION_KEYS) {
    if (!platform.keys.some(k => k.key === spec.key))
      throw new Error(
        `example lacks key ${spec.key}: use an example that sets every part`,
      );
  }
  out['connection-keys'] = [
    `Source: \`CONNECTION_KEYS\` and \`secrets()\` of \`packages/realtime-platform-kit\`, applied to`,
    `\`${EXAMPLE}\` (platform \`${platform.platform}\` in namespace \`${platform.namespace}\`).`,
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

  // 2. Per service: which secret, which keys.
  const byService = SERVICES.map(([name]) => [
    name,
    platform.keys.filter(k => serviceOf(k.key) === name),
  ]);
  out['service-secrets'] = table(
    [
      'Service',
      'Secret (namespace of the application)',
      'Keys',
      'Generated credential behind it',
    ],
    byService.map(([name, keys]) => [
      name,
      code(`${platform.secretName.replace(/^[^-]+/, '<platform>')}`),
      keys
        .filter(k => fixed.has(k.key))
        .map(k => code(k.key))
        .join(', ') +
        (name === 'Kafka' ? ', one `TOPIC_<NAME>` per declared topic' : ''),
      keys
        .filter(k => k.credential && !/_URL$/.test(k.key))
        .map(k => `${code(k.key)} of ${code('<platform>-credentials')}`)
        .join(', ') ||
        (name === 'Lenses HQ'
          ? 'none in the secret: service-account keys are created in HQ'
          : name === 'Metabase'
          ? 'none in the secret: API keys are created in Metabase'
          : 'none (no authentication on this listener)'),
    ]),
  );

  // 3. Topic keys.
  out['topic-keys'] = table(
    ['Declared topic', 'Key in `<platform>-conn`'],
    rendered.platforms[0].xr.spec.topics.map(t => [
      code(t.name),
      code(kit.topicKey(t.name)),
    ]),
  );

  // 4. Generated credentials and their rotation.
  const credKeys = Object.keys(credSecret.data).sort();
  for (const k of credKeys)
    if (!CREDENTIALS[k])
      throw new Error(
        `credential ${k} of <platform>-credentials is not described in ${__filename}`,
      );
  for (const k of Object.keys(CREDENTIALS))
    if (!credKeys.includes(k))
      throw new Error(
        `${__filename} describes ${k}, which <platform>-credentials no longer has`,
      );
  out['credentials'] = [
    `Keys of \`<platform>-credentials\` as the composition renders them for \`${EXAMPLE}\` (values generated once,`,
    `kept across reconciliations). The composition's own note on the secret: *${credSecret.metadata.annotations['realtime.platform.example.org/rotate']}*.`,
    '',
    table(
      ['Key', 'Used by', 'Rotate'],
      credKeys.map(k => [
        code(k),
        CREDENTIALS[k][0],
        ROTATION[CREDENTIALS[k][1]],
      ]),
    ),
    '',
    `\`<platform>-mqtt-users\` holds one generated password per device user of \`mqtt.users\` (in the example: ${Object.keys(
      usersSecret.data,
    )
      .sort()
      .map(code)
      .join(
        ', ',
      )}); rotate one by deleting its key and restarting the \`mqtt\` pod.`,
  ].join('\n');

  // 5. Variables the examples read that are not in the contract.
  out['extra-env'] = table(
    ['Variable', 'Where it comes from'],
    Object.entries(EXTRA_ENV).map(([k, v]) => [code(k), v]),
  );
  return { out, platform };
}

/** Env var names each snippet reads. */
function snippetEnv() {
  const dir = path.join(REPO, SNIPPETS);
  const found = {};
  for (const f of fs.readdirSync(dir).sort()) {
    if (!/\.(py|js)$/.test(f)) continue;
    const src = fs.readFileSync(path.join(dir, f), 'utf8');
    const names = new Set();
    for (const m of src.matchAll(
      /os\.environ(?:\.get)?[[(]\s*["']([A-Z0-9_]+)["']/g,
    ))
      names.add(m[1]);
    for (const m of src.matchAll(/process\.env\.([A-Z0-9_]+)/g))
      names.add(m[1]);
    found[f] = [...names];
  }
  return found;
}

function replaceBlocks(text, out, file) {
  return text.replace(
    /(<!-- BEGIN GENERATED: ([a-z-]+) -->\n)([\s\S]*?)(<!-- END GENERATED: \2 -->)/g,
    (_, begin, id, _body, end) => {
      if (!(id in out))
        throw new Error(`${file}: unknown generated block ${id}`);
      return `${begin}${out[id]}\n${end}`;
    },
  );
}

async function main() {
  const check = process.argv.includes('--check');
  const { out, platform } = await blocks();
  let drift = 0;
  const used = new Set();
  for (const page of PAGES) {
    const file = path.join(REPO, page);
    if (!fs.existsSync(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/<!-- BEGIN GENERATED: ([a-z-]+) -->/g))
      used.add(m[1]);
    const next = replaceBlocks(text, out, page);
    if (next !== text) {
      if (check) {
        console.error(
          `${page}: generated tables differ from the kit's contract; run: node scripts/docs/access-tables.js`,
        );
        drift++;
      } else {
        fs.writeFileSync(file, next);
        console.log(`updated ${page}`);
      }
    }
  }
  for (const id of Object.keys(out)) {
    if (!used.has(id)) {
      console.error(`no page holds the generated block ${id}`);
      drift++;
    }
  }
  // Every variable an example reads is a key of the contract (or a documented extra).
  const contract = new Set(platform.keys.map(k => k.key));
  for (const [file, names] of Object.entries(snippetEnv())) {
    for (const n of names) {
      if (!contract.has(n) && !(n in EXTRA_ENV)) {
        console.error(
          `${SNIPPETS}/${file} reads ${n}, which is not a key of ${platform.secretName} nor a documented extra`,
        );
        drift++;
      }
    }
  }
  // Every file the pages include with pymdownx.snippets exists (a missing one renders as nothing).
  for (const dir of ['docs/access', 'docs/operations']) {
    for (const f of fs
      .readdirSync(path.join(REPO, dir))
      .filter(n => n.endsWith('.md'))) {
      const text = fs.readFileSync(path.join(REPO, dir, f), 'utf8');
      for (const m of text.matchAll(/--8<-- "([^"]+)"/g)) {
        if (!fs.existsSync(path.join(REPO, m[1]))) {
          console.error(`${dir}/${f} includes ${m[1]}, which does not exist`);
          drift++;
        }
      }
    }
  }
  if (drift) process.exit(1);
  console.log(
    `connection-secret tables match the contract (${platform.keys.length} keys); every snippet reads contract keys only; every included file exists`,
  );
}

main().catch(err => {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exit(2);
});
