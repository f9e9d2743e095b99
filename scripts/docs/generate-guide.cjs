#!/usr/bin/env node
// Generates what the architecture pages and the user guide show from the platform's own tools,
// so that nothing in them is pasted:
//   - the output of every `realtime-kit` command the guide shows (run through the real CLI);
//   - the parts table, the prerequisites and the resources per size profile (read from the
//     definitions and the composition through the realtime-platform kit);
//   - the environment variables a webservice gets (the kit's connection-secret contract).
// Writes docs/user-guide/generated/* and docs/architecture/generated/* (committed; included in
// the pages with pymdownx.snippets).
//   node scripts/docs/generate-guide.cjs          regenerate
//   node scripts/docs/generate-guide.cjs --check  fail on a stale, missing or orphaned file
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { REPO, EXAMPLES, getKit, renderFiles, renderTexts, kitModule } = require('./lib/kit.cjs');
const arch = require('./lib/architecture.cjs');

const KIT_BIN = path.join(REPO, 'packages/realtime-platform-kit/bin/realtime-kit');
const GUIDE_OUT = 'docs/user-guide/generated';
const ARCH_OUT = 'docs/architecture/generated';

/** Every realtime-kit command the guide shows, and the file its output is written to. */
const COMMANDS = [
  { out: 'validate-minimal.txt', cmd: 'realtime-kit validate platform/examples/MINIMAL-REALTIME-OAM.yaml' },
  { out: 'render-minimal-kinds.txt', cmd: "realtime-kit render platform/examples/MINIMAL-REALTIME-OAM.yaml | grep -E '^kind: ' | sort | uniq -c" },
  { out: 'secrets-minimal.txt', cmd: 'realtime-kit secrets platform/examples/MINIMAL-REALTIME-OAM.yaml' },
  { out: 'validate-comprehensive.txt', cmd: 'realtime-kit validate platform/examples/REALTIME-OAM-EXAMPLE.yaml' },
  { out: 'render-comprehensive-connectors.txt', cmd: "realtime-kit render platform/examples/REALTIME-OAM-EXAMPLE.yaml | grep -oE 'connect.mqtt.kcql\":\"[^\"]*|\"topics\":\"[^\"]*' | sort -u" },
  { out: 'secrets-comprehensive-keys.txt', cmd: "realtime-kit secrets platform/examples/REALTIME-OAM-EXAMPLE.yaml | grep -E '^  [a-zA-Z]+:|^    - key:|^    - [a-z]'" },
  { out: 'validate-use-cases.txt', cmd: 'realtime-kit validate docs/user-guide/examples/*.yaml' },
  { out: 'validate-invalid.txt', cmd: 'realtime-kit validate docs/user-guide/examples/invalid/*.yaml' },
  { out: 'secrets-event-driven-topics.txt', cmd: "realtime-kit secrets docs/user-guide/examples/event-driven-services.yaml | grep -E -A5 'key: TOPIC_' | grep -E 'key:|value:'" },
];

function runCommands() {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'realtime-kit-bin-'));
  fs.writeFileSync(path.join(bin, 'realtime-kit'), `#!/bin/sh\nexec ${JSON.stringify(KIT_BIN)} "$@"\n`, { mode: 0o755 });
  const out = new Map();
  try {
    for (const { cmd, out: file } of COMMANDS) {
      let text;
      let status = 0;
      try {
        text = execFileSync('bash', ['-o', 'pipefail', '-c', `${cmd} 2>&1`], {
          cwd: REPO, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
        });
      } catch (e) {
        text = e.stdout ?? '';
        status = e.status ?? 1;
      }
      if (status !== 0 && !file.startsWith('validate-invalid')) {
        throw new Error(`${cmd} failed (exit ${status}):\n${text}`);
      }
      let body = `$ ${cmd}\n${text.replace(/\n*$/, '\n')}`;
      if (status !== 0) body += `$ echo $?\n${status}\n`;
      out.set(`${GUIDE_OUT}/${file}`, body);
    }
  } finally {
    fs.rmSync(bin, { recursive: true, force: true });
  }
  return out;
}

const cell = s => String(s).replace(/\|/g, '\\|');
const code = s => `\`${s}\``;
/** Plain text in a markdown cell: `<platform>` would otherwise be read as an HTML tag. */
const text = s => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const table = (head, rows) => [
  `| ${head.join(' | ')} |`,
  `| ${head.map(() => '---').join(' | ')} |`,
  ...rows.map(r => `| ${r.map(cell).join(' | ')} |`),
].join('\n');

const WHEN_TEXT = new Map([
  ['always', 'always'],
  ['hasConnect', 'when `mqtt.bridges` or `postgresql.sink.topics` is not empty'],
  ['hasLenses', 'when `lenses` is set'],
]);
function whenText(fn) {
  if (fn === arch.hasConnect) return WHEN_TEXT.get('hasConnect');
  if (fn === arch.hasLenses) return WHEN_TEXT.get('hasLenses');
  return WHEN_TEXT.get('always');
}

function containersOf(m) {
  const spec = m?.spec?.template?.spec ?? {};
  return { main: spec.containers ?? [], init: spec.initContainers ?? [] };
}

/** Parts table: every composed part, its objects, ports, images and when it exists. */
function partsTable(full) {
  const platform = full.platforms[0];
  const byName = new Map(platform.composed.map(c => [c.name, arch.manifestOf(c)]));
  const rows = [];
  for (const p of arch.PARTS.filter(x => x.resources)) {
    const objects = [];
    const ports = [];
    const images = new Set();
    for (const r of p.resources) {
      const name = typeof r === 'string' ? r : r.name;
      const m = byName.get(name);
      if (!m) throw new Error(`the comprehensive example does not compose ${name}; choose an example that has every part`);
      const objName = m.metadata.name
        .replace(/-[0-9a-f]{10}$/, '-<hash>')
        .replace(kitModule.platformNames(platform.component, full.application.namespace).platformNamespace, '<ns>--<name>-realtime')
        .replace(new RegExp(`^${platform.component}-`), '<name>-');
      const own = typeof r === 'string' ? '' : ` (${whenText(r.when)})`;
      objects.push(`${m.kind} ${code(objName)}${own}`);
      if (m.kind === 'Service') ports.push(`${m.metadata.name} ${m.spec.ports.map(x => x.port).join(', ')}`);
      const { main, init } = containersOf(m);
      for (const c of [...init, ...main]) images.add(c.image);
    }
    rows.push([p.label, objects.join(', '), ports.join('; ') || '–', [...images].map(code).join(', ') || '–', whenText(p.when)]);
  }
  return `${table(['Part', 'Objects', 'Service ports', 'Images', 'Created'], rows)}\n`;
}

const cpuMilli = q => (q === undefined ? 0 : q.endsWith('m') ? Number(q.slice(0, -1)) : Number(q) * 1000);
const memMi = q => {
  if (q === undefined) return 0;
  const m = /^(\d+)(Mi|Gi|Ti)$/.exec(q);
  if (!m) throw new Error(`unexpected memory quantity ${q}`);
  return Number(m[1]) * { Mi: 1, Gi: 1024, Ti: 1024 * 1024 }[m[2]];
};
const fmtCpu = m => (m % 1000 === 0 ? String(m / 1000) : `${m}m`);
const fmtMem = mi => (mi % 1024 === 0 ? `${mi / 1024}Gi` : mi > 1024 ? `${(mi / 1024).toFixed(1)}Gi` : `${mi}Mi`);

/** Pod requests as the scheduler sees them: max(sum of containers, largest init container). */
function podRequests(m) {
  const { main, init } = containersOf(m);
  const sum = k => main.reduce((a, c) => a + k(c.resources?.requests ?? {}), 0);
  const maxInit = k => init.reduce((a, c) => Math.max(a, k(c.resources?.requests ?? {})), 0);
  const cpu = r => cpuMilli(r.cpu);
  const mem = r => memMi(r.memory);
  const lim = main.reduce((a, c) => a + memMi(c.resources?.limits?.memory), 0);
  return { cpu: Math.max(sum(cpu), maxInit(cpu)), mem: Math.max(sum(mem), maxInit(mem)), memLimit: lim };
}

const SIZES = ['small', 'medium', 'large'];
const profileApp = size => `apiVersion: core.oam.dev/v1beta1
kind: Application
metadata:
  name: sizing
  namespace: sizing
spec:
  components:
    - name: p
      type: realtime-platform
      properties:
        topics: [{ name: t }]
        mqtt: { bridges: [{ mqttTopic: "a/#", kafkaTopic: t }] }
        lenses: { acceptEULA: true }
        resources: { size: ${size} }
`;

/** Requests per workload and size profile, rendered through the composition. */
async function resourcesTable() {
  const rendered = await renderTexts(SIZES.map(s => ({ file: `size-${s}.yaml`, text: profileApp(s) })));
  const perSize = rendered.map(r => {
    const rows = new Map();
    for (const c of r.platforms[0].composed) {
      const m = arch.manifestOf(c);
      if (!['Deployment', 'StatefulSet'].includes(m.kind)) continue;
      rows.set(m.metadata.name, { ...podRequests(m), replicas: m.spec.replicas, part: arch.resourceOwner.get(c.name) });
    }
    return rows;
  });
  const names = [...perSize[0].keys()];
  const rows = names.map(n => [
    code(n),
    ...perSize.map(s => {
      const w = s.get(n);
      return `${fmtCpu(w.cpu)} CPU, ${fmtMem(w.mem)} (limit ${fmtMem(w.memLimit)})`;
    }),
  ]);
  const total = (filter) => perSize.map(s => {
    let cpu = 0;
    let mem = 0;
    for (const [n, w] of s) if (filter(n, w)) { cpu += w.cpu * w.replicas; mem += w.mem * w.replicas; }
    return `**${fmtCpu(cpu)} CPU, ${fmtMem(mem)}**`;
  });
  const optional = new Set(['connect', 'lenses_hq', 'lenses_agent']);
  rows.push(['Total, defaults (no Lenses, no Connect), one replica each', ...total((n, w) => !optional.has(w.part))]);
  rows.push(['Total, everything enabled, one replica each', ...total(() => true)]);
  return `${table(['Workload (requests per pod)', ...SIZES.map(code)], rows)}\n`;
}

/** Prerequisites read from the definitions, the composition and a rendered platform. */
function prerequisites(full, minimal) {
  const kit = getKit();
  const platform = full.platforms[0];
  const composed = platform.composed.map(c => c.resource);
  const objects = composed.filter(r => r.kind === 'Object');
  const providerApis = [...new Set(objects.map(o => o.apiVersion))];
  const providerConfigs = [...new Set(objects.map(o => `${o.spec.providerConfigRef.kind} ${code(o.spec.providerConfigRef.name)}`))];
  const pvcs = [];
  const images = new Set();
  for (const c of platform.composed) {
    const m = arch.manifestOf(c);
    for (const t of m?.spec?.volumeClaimTemplates ?? []) {
      pvcs.push(`${m.kind} ${code(m.metadata.name)}: ${t.spec.accessModes.join(', ')}, storage class ${t.spec.storageClassName ? code(t.spec.storageClassName) : 'not set (the cluster default)'}`);
    }
    const { main, init } = containersOf(m);
    for (const x of [...init, ...main]) images.add(x.image);
  }
  const defaults = minimal.platforms[0].composed
    .map(arch.manifestOf)
    .filter(m => m?.spec?.volumeClaimTemplates)
    .map(m => `${code(m.metadata.name)} ${m.spec.volumeClaimTemplates[0].spec.resources.requests.storage} per pod`);
  const xrd = kit.compositionFile.xrd;
  const rows = [
    ['KubeVela', `ComponentDefinitions ${[...kit.definitions.keys()].map(code).join(', ')} (${code('core.oam.dev/v1beta1')}), from ${code('platform/realtime-component-definitions.yaml')}`],
    ['Crossplane', `v2: the XRD is ${code(xrd.apiVersion)}, scope ${code(xrd.spec.scope ?? 'Namespaced')}, composite ${code(`${xrd.spec.group}/${xrd.spec.versions.find(v => v.served).name}`)} ${code(xrd.spec.names.kind)}; Composition ${code(kit.compositionFile.composition.metadata.name)} in ${code(kit.compositionFile.composition.spec.mode)} mode`],
    ['Composition functions', kit.compositionFile.functions.map(f => `${code(f.metadata.name)} (${code(f.spec.package)})`).join(', ')],
    ['Provider', `provider-kubernetes serving ${providerApis.map(code).join(', ')} with a ${providerConfigs.join(', ')} that may create namespaces and workloads`],
    ['Storage', `a StorageClass for ${pvcs.join('; ')}. Sizes on the defaults: ${defaults.join(', ')} (${code('kafka.storage')}, ${code('postgresql.storage')})`],
    ['Images', `pulled from the registry the cluster uses: ${[...images].sort().map(code).join(', ')}`],
  ];
  return `${table(['Needs', 'What the files require'], rows)}\n`;
}

/** Environment variables a webservice of the comprehensive example gets. */
async function envVars() {
  const secrets = await getKit().secrets(path.join(REPO, 'platform/examples/REALTIME-OAM-EXAMPLE.yaml'));
  const s = secrets[0];
  const rows = s.keys.map(k => [code(k.envVar), text(k.description), k.credential ? `generated (${text(k.shape.replace(/^generated: /, ''))})` : code(k.value)]);
  return `Platform ${code(s.platform)} of ${code('platform/examples/REALTIME-OAM-EXAMPLE.yaml')}: secret ${code(s.secretName)} in namespace ${code(s.namespace)}, received by ${s.consumers.map(code).join(', ')}.\n\n${table(['Variable', 'Meaning', 'Value in this example'], rows)}\n`;
}

async function generate() {
  const files = runCommands();
  const [minimal, full] = await renderFiles(['platform/examples/MINIMAL-REALTIME-OAM.yaml', 'platform/examples/REALTIME-OAM-EXAMPLE.yaml']);
  files.set(`${ARCH_OUT}/parts.txt`, partsTable(full));
  files.set(`${ARCH_OUT}/resources.txt`, await resourcesTable());
  files.set(`${ARCH_OUT}/prerequisites.txt`, prerequisites(full, minimal));
  files.set(`${GUIDE_OUT}/env-vars.txt`, await envVars());
  return files;
}

/** Differences between the generated files and the committed ones. */
function compare(files) {
  const problems = [];
  for (const [file, text] of files) {
    const abs = path.join(REPO, file);
    if (!fs.existsSync(abs)) problems.push(`${file} is missing`);
    else if (fs.readFileSync(abs, 'utf8') !== text) problems.push(`${file} is stale`);
  }
  for (const dir of [GUIDE_OUT, ARCH_OUT]) {
    const abs = path.join(REPO, dir);
    if (!fs.existsSync(abs)) continue;
    for (const f of fs.readdirSync(abs)) {
      if (!files.has(`${dir}/${f}`)) problems.push(`${dir}/${f} is not generated (orphan)`);
    }
  }
  return problems;
}

async function main() {
  const check = process.argv.includes('--check');
  const files = await generate();
  if (check) {
    const problems = compare(files);
    if (problems.length) {
      console.error(`${problems.join('\n')}\nRegenerate: node scripts/docs/generate-guide.cjs`);
      process.exit(1);
    }
    console.log(`${files.size} generated files are current`);
    return;
  }
  for (const dir of [GUIDE_OUT, ARCH_OUT]) {
    fs.mkdirSync(path.join(REPO, dir), { recursive: true });
    for (const f of fs.readdirSync(path.join(REPO, dir))) if (!files.has(`${dir}/${f}`)) fs.unlinkSync(path.join(REPO, dir, f));
  }
  for (const [file, text] of files) fs.writeFileSync(path.join(REPO, file), text);
  console.log(`wrote ${files.size} files under ${GUIDE_OUT} and ${ARCH_OUT}`);
}

module.exports = { COMMANDS, GUIDE_OUT, ARCH_OUT, generate, compare, EXAMPLES };

if (require.main === module) {
  main().catch(e => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
