// Checks that the architecture pages and the user guide say only what the platform builds:
//   node --test scripts/docs/guide.test.cjs
// (run by scripts/test.d/60-guide-docs.sh). Every example is rendered through the
// realtime-platform kit (the real cue and the Composition's template).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { REPO, EXAMPLES, getKit, renderFiles, kitModule } = require('./lib/kit.cjs');
const { readMermaid, parseMermaid } = require('./lib/mermaid.cjs');
const arch = require('./lib/architecture.cjs');
const { COMMANDS, GUIDE_OUT, generate, compare } = require('./generate-guide.cjs');

/** The diagrams of the architecture pages and the guide (owned here) and the home page's. */
const OWN_DIAGRAMS = [
  'architecture-overview', 'dataflow-device-ingest', 'dataflow-services', 'dataflow-lenses',
  'dataflow-analytics', 'provisioning-flow', 'component-relationships',
];
const CHECKED_DIAGRAMS = [...OWN_DIAGRAMS, 'overview'];
const OWN_PAGES_DIRS = ['docs/architecture', 'docs/user-guide'];

const rel = f => path.relative(REPO, f);
const read = f => fs.readFileSync(path.join(REPO, f), 'utf8');
function* walk(dir, ext) {
  for (const e of fs.readdirSync(path.join(REPO, dir), { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory()) yield* walk(p, ext);
    else if (p.endsWith(ext)) yield p;
  }
}
const diagrams = Object.fromEntries(
  CHECKED_DIAGRAMS.map(n => [n, readMermaid(path.join(REPO, `docs/diagrams/${n}.mmd`))]),
);

let rendered;
async function examples() {
  rendered ??= await renderFiles(EXAMPLES);
  return rendered;
}
async function contexts() {
  return (await examples()).flatMap(r => r.platforms.map(p => ({ file: r.file, ctx: arch.platformContext(r, p) })));
}

/** Each drawn edge as part pairs (a group node expands to its members). */
function drawnEdges(names) {
  const out = [];
  for (const n of names) {
    const d = diagrams[n];
    for (const e of d.edges) {
      const pairs = [];
      for (const a of arch.expand(e.from)) for (const b of arch.expand(e.to)) pairs.push(arch.pairKey(a, b));
      out.push({ where: `docs/diagrams/${n}.mmd:${e.line} (${e.from} ${e.op} ${e.to})`, pairs });
    }
  }
  return out;
}

test('every diagram reads, and every node stands for a known part', () => {
  for (const [name, d] of Object.entries(diagrams)) {
    assert.deepEqual(d.errors, [], `docs/diagrams/${name}.mmd`);
    const ids = [...d.nodes.keys(), ...d.edges.flatMap(e => [e.from, e.to])];
    for (const id of ids) {
      if (d.groups.has(id) && !arch.PART.has(arch.resolve(id)) && !arch.GROUPS[id]) {
        assert.fail(`docs/diagrams/${name}.mmd: edge to subgraph "${id}", which is not a part`);
      }
      if (d.groups.has(id)) continue;
      for (const p of arch.expand(id)) {
        assert.ok(arch.PART.has(p), `docs/diagrams/${name}.mmd: node "${id}" is not a part of scripts/docs/lib/architecture.cjs (PARTS, ALIASES or GROUPS)`);
      }
    }
  }
});

test('every part drawn is created, and every part created is drawn (all examples)', async () => {
  const drawn = new Set(OWN_DIAGRAMS.flatMap(n => [...diagrams[n].nodes.keys(), ...diagrams[n].groups.keys()].flatMap(arch.expand)));
  const overview = new Set([...diagrams['architecture-overview'].nodes.keys()].flatMap(arch.expand));
  for (const p of arch.PARTS) {
    if (p.resources) assert.ok(drawn.has(p.id), `part ${p.id} (${p.label}) is created by the composition but drawn in no diagram`);
    if (/^(Deployment|StatefulSet)\//.test(p.workload ?? '')) assert.ok(overview.has(p.id), `workload ${p.workload} is missing from docs/diagrams/architecture-overview.mmd`);
  }
  const seen = new Map();
  for (const { file, ctx } of await contexts()) {
    const present = new Set(ctx.platform.composed.map(c => c.name));
    for (const name of present) {
      assert.ok(arch.resourceOwner.has(name), `${file}: the composition creates "${name}", which no documented part owns: add it to PARTS and to a diagram`);
    }
    for (const [name, expected] of arch.expectedResources(ctx.spec)) {
      assert.equal(present.has(name), expected, `${file}: "${name}" (part ${arch.resourceOwner.get(name)}) is ${present.has(name) ? '' : 'not '}composed, the docs say it is ${expected ? '' : 'not '}created for this spec`);
      if (present.has(name)) seen.set(arch.resourceOwner.get(name), true);
    }
  }
  for (const p of arch.PARTS.filter(x => x.resources)) {
    assert.ok(seen.get(p.id), `part ${p.id} is never created by any example: an example must show it`);
  }
  // Parts outside the composition: the realtime-webservice renders from its definition in every example that has one.
  assert.ok((await examples()).some(r => r.components.some(c => c.type === 'realtime-webservice')));
});

/** Why a drawn edge is not what the composition builds for the examples ([] when it is). */
function edgeFailures(edge, all, kit) {
  const failures = [];
  let passedOnce = false;
  for (const pair of edge.pairs) {
    const [a, b] = pair.split('|');
    const spec = arch.EDGE_CHECKS[pair];
    const partWhen = id => arch.PART.get(id).when ?? (() => true);
    const controlOrActor = [a, b].some(x => arch.isControlPlane(x) || arch.PART.get(x).actor || ['conn_secret', 'credentials', 'ns'].includes(x));
    if (controlOrActor && !spec?.check) {
      failures.push(`${pair}: no check in EDGE_CHECKS (scripts/docs/lib/architecture.cjs)`);
      continue;
    }
    let expectedSomewhere = false;
    let ok = true;
    for (const { file, ctx } of all) {
      const when = spec?.when ?? (s => partWhen(a)(s) && partWhen(b)(s));
      if (!when(ctx.spec)) continue;
      if ([a, b].includes('webservice') && !ctx.webservices.length && !controlOrActor) continue;
      expectedSomewhere = true;
      if (!controlOrActor && !spec?.indirect && !arch.discoveredConnections(ctx).has(pair)) {
        failures.push(`${pair}: ${file} has no object of ${a} naming a Service of ${b} (or the reverse)`);
        ok = false;
      }
      const err = spec?.check?.(ctx, kit);
      if (err) {
        failures.push(`${pair}: ${file}: ${err}`);
        ok = false;
      }
    }
    if (!expectedSomewhere) failures.push(`${pair}: no example builds this connection`);
    if (ok && expectedSomewhere) passedOnce = true;
  }
  // A group node (the home page's "lenses") passes when one of its members is connected.
  return passedOnce && (edge.pairs.length > 1 || failures.length === 0) ? [] : failures.length ? failures : ['not configured'];
}

test('every edge drawn is configured by the composition (or the definitions) for the examples', async () => {
  const kit = getKit();
  const all = await contexts();
  for (const edge of drawnEdges(CHECKED_DIAGRAMS)) {
    const failures = edgeFailures(edge, all, kit);
    assert.deepEqual(failures, [], `${edge.where} is not what the composition builds:\n  ${failures.join('\n  ')}`);
  }
});

test('negative controls: the cross-check rejects an edge, a node and a part it should', async () => {
  const kit = getKit();
  const all = await contexts();
  const bogus = parseMermaid('flowchart TB\n  metabase --> kafka\n  devices --> postgresql\n  lenses_hq --> mqtt\n', 'control.mmd');
  for (const e of bogus.edges) {
    const edge = { where: `control.mmd:${e.line}`, pairs: [arch.pairKey(e.from, e.to)] };
    assert.notDeepEqual(edgeFailures(edge, all, kit), [], `${e.from} -> ${e.to} should be rejected`);
  }
  assert.ok(!arch.PART.has('zookeeper'), 'an unknown node must not be a part');
  // A bridge whose KCQL the composition did not write must fail the bridge check.
  const full = all.find(x => x.ctx.spec.mqtt.bridges.length);
  const ctx = { ...full.ctx, spec: { ...full.ctx.spec, mqtt: { ...full.ctx.spec.mqtt, bridges: [...full.ctx.spec.mqtt.bridges, { mqttTopic: 'x/#', kafkaTopic: 'nowhere', qos: 1 }] } } };
  assert.match(arch.EDGE_CHECKS[arch.pairKey('mqtt', 'connect')].check(ctx), /bridge 2/);
});

test('every include of a page resolves (pymdownx.snippets skips a missing file silently)', () => {
  for (const page of walk('docs', '.md')) {
    for (const inc of includes(read(page))) {
      const [file, section] = inc.split(/:(?=[A-Za-z][\w-]*$)/);
      assert.ok(fs.existsSync(path.join(REPO, file)), `${page}: includes ${file}, which does not exist`);
      if (section) assert.ok(read(file).includes(`--8<-- [start:${section}]`), `${page}: ${file} has no section ${section}`);
    }
  }
});

test('every connection the composition configures is drawn', async () => {
  const drawn = new Set(drawnEdges(OWN_DIAGRAMS).flatMap(e => e.pairs));
  for (const { file, ctx } of await contexts()) {
    for (const [pair, why] of arch.discoveredConnections(ctx)) {
      assert.ok(drawn.has(pair), `${file}: ${pair.replace('|', ' <-> ')} is configured (${why[0]}) but drawn in no diagram of ${OWN_DIAGRAMS.join(', ')}`);
    }
  }
});

test('the architecture page describes every part it lists', () => {
  const page = read('docs/architecture/index.md');
  assert.match(page, /--8<-- "docs\/architecture\/generated\/parts.txt"/);
  const headings = [...page.matchAll(/^### (.+)$/gm)].map(m => m[1].trim());
  for (const p of arch.PARTS.filter(x => x.resources || x.id === 'webservice')) {
    assert.ok(headings.includes(p.label), `docs/architecture/index.md has no "### ${p.label}" section (purpose and role)`);
  }
  for (const h of headings) {
    assert.ok(arch.PARTS.some(p => p.label === h), `docs/architecture/index.md describes "${h}", which is not a part (scripts/docs/lib/architecture.cjs)`);
  }
});

/** Fenced code blocks of a page: language, body and offset (fences may be indented). */
function codeBlocks(text) {
  const blocks = [];
  let open;
  let offset = 0;
  for (const line of text.split('\n')) {
    const fence = /^\s*```\s*([\w-]*)/.exec(line);
    if (fence && !open) open = { lang: fence[1], lines: [], index: offset };
    else if (fence && open) {
      blocks.push({ lang: open.lang, body: open.lines.join('\n'), index: open.index });
      open = undefined;
    } else if (open) open.lines.push(line);
    offset += line.length + 1;
  }
  return blocks;
}

/** Files included with pymdownx.snippets from a markdown page. */
const includes = text => [...text.matchAll(/^\s*--8<--\s+"([^"]+)"/gm)].map(m => m[1]);

test('every OAM application included or written in docs/ validates (invalid ones fail as they say)', async () => {
  const kit = getKit();
  const included = new Set();
  const inline = [];
  for (const page of walk('docs', '.md')) {
    const text = read(page);
    for (const f of includes(text)) if (/\.ya?ml(:[\w-]+)?$/.test(f)) included.add(f.replace(/:[\w-]+$/, ''));
    for (const b of codeBlocks(text)) {
      if (/apiVersion:\s*core\.oam\.dev/.test(b.body)) inline.push({ file: `${page} (inline)`, text: b.body });
    }
  }
  assert.ok(included.size >= 5, 'the guide includes the examples');
  const files = [...included].filter(f => /kind:\s*Application\b/.test(read(f)));
  const invalid = files.filter(f => /^# expect: /m.test(read(f)));
  const valid = files.filter(f => !invalid.includes(f));
  const results = await kit.validateFiles(valid.map(f => path.join(REPO, f)));
  results.forEach((r, i) => assert.ok(r.valid, `${valid[i]}: ${r.issues.map(kitModule.formatIssue).join('\n')}`));
  const bad = await kit.validateFiles(invalid.map(f => path.join(REPO, f)));
  bad.forEach((r, i) => {
    assert.ok(!r.valid, `${invalid[i]} is marked "# expect:" but validates`);
    const messages = r.issues.map(kitModule.formatIssue).join('\n');
    for (const [, e] of read(invalid[i]).matchAll(/^# expect: (.+)$/gm)) assert.ok(messages.includes(e), `${invalid[i]}: expected "${e}", got ${messages}`);
  });
  if (inline.length) {
    const r = await kit.validateTexts(inline);
    r.forEach((x, i) => assert.ok(x.valid, `${inline[i].file}: ${x.issues.map(kitModule.formatIssue).join('\n')}`));
  }
});

test('the guide and architecture pages type no YAML: every YAML block is an include', () => {
  for (const dir of OWN_PAGES_DIRS) {
    for (const page of walk(dir, '.md')) {
      for (const b of codeBlocks(read(page)).filter(x => /^ya?ml$/.test(x.lang))) {
        const lines = b.body.split('\n').map(l => l.trim()).filter(Boolean);
        assert.ok(lines.every(l => /^--8<--\s+"[^"]+"$/.test(l)), `${page}: a YAML block is typed into the page; include a file the tests validate instead:\n${b.body.slice(0, 200)}`);
      }
    }
  }
  // Every use-case application of the guide is shown on a page.
  const shown = new Set(OWN_PAGES_DIRS.flatMap(d => [...walk(d, '.md')].flatMap(p => includes(read(p)))));
  for (const f of EXAMPLES.filter(e => e.startsWith('docs/'))) assert.ok(shown.has(f), `${f} is not included by any guide page`);
});

test('the realtime-kit commands of the guide are the generated ones, and their outputs are current', async () => {
  const known = new Set(COMMANDS.map(c => c.cmd));
  const includedOutputs = new Set();
  for (const dir of OWN_PAGES_DIRS) {
    for (const page of walk(dir, '.md')) {
      const text = read(page);
      for (const f of includes(text)) if (f.startsWith(`${GUIDE_OUT}/`)) includedOutputs.add(f);
      for (const block of codeBlocks(text)) {
        for (const line of block.body.split('\n')) {
          const cmd = line.trim().replace(/^\$ /, '');
          if (/^realtime-kit\s/.test(cmd)) assert.ok(known.has(cmd), `${page}: "${cmd}" is typed, not generated: add it to COMMANDS in scripts/docs/generate-guide.cjs and include its output`);
        }
      }
    }
  }
  for (const c of COMMANDS) assert.ok(includedOutputs.has(`${GUIDE_OUT}/${c.out}`), `${GUIDE_OUT}/${c.out} (${c.cmd}) is shown by no page`);
  const problems = compare(await generate());
  assert.deepEqual(problems, [], 'run: node scripts/docs/generate-guide.cjs');
});

test('cluster command outputs are marked illustrative', () => {
  for (const dir of OWN_PAGES_DIRS) {
    for (const page of walk(dir, '.md')) {
      const text = read(page);
      const blocks = codeBlocks(text).filter(b => b.lang === 'text' && !/^\s*--8<--/.test(b.body));
      for (const b of blocks) {
        const before = text.slice(Math.max(0, b.index - 400), b.index);
        assert.match(before, /Illustrative output/, `${page}: a typed output block is not marked "Illustrative output":\n${b.body.slice(0, 120)}`);
      }
    }
  }
});

test('every screenshot the guide shows exists and is committed under docs/user-guide/img', () => {
  for (const dir of OWN_PAGES_DIRS) {
    for (const page of walk(dir, '.md')) {
      for (const m of read(page).matchAll(/!\[[^\]]*\]\(([^)]+\.png)\)/g)) {
        const file = path.join(path.dirname(path.join(REPO, page)), m[1]);
        assert.ok(fs.existsSync(file), `${page}: ${m[1]} does not exist (run scripts/docs/refresh-screenshots.sh after make e2e)`);
        assert.ok(rel(file).startsWith('docs/user-guide/img/'), `${page}: screenshots live in docs/user-guide/img`);
      }
    }
  }
});

/** The example application each deployment page walks through. */
const PAGE_EXAMPLE = {
  'docs/user-guide/deploy-minimal.md': 'platform/examples/MINIMAL-REALTIME-OAM.yaml',
  'docs/user-guide/deploy-comprehensive.md': 'platform/examples/REALTIME-OAM-EXAMPLE.yaml',
};

/** Shell commands of a page: lines of its code blocks (continuations joined) and inline code. */
function pageCommands(text) {
  const out = [];
  for (const block of codeBlocks(text).filter(b => ['', 'sh', 'bash'].includes(b.lang))) {
    out.push(...block.body.replace(/\\\n\s*/g, ' ').split('\n').map(l => l.trim()).filter(Boolean));
  }
  for (const m of text.replace(/^\s*```[\s\S]*?^\s*```/gm, '').replace(/\n/g, ' ').matchAll(/`((?:kubectl|vela) [^`]+)`/g)) out.push(m[1].trim());
  return out.filter(l => /^(\S+=\$\()?(kubectl|vela|mosquitto_pub)\s/.test(l));
}

/** MQTT topic filter match (+ one level, # the rest). */
function mqttMatch(filter, topic) {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) return false;
  }
  return f.length === t.length;
}

test('the cluster commands of the deployment pages name what their example creates', async () => {
  for (const [page, example] of Object.entries(PAGE_EXAMPLE)) {
    const [r] = await renderFiles([example]);
    const p = r.platforms[0];
    const appNs = r.application.namespace;
    const ctx = arch.platformContext(r, p);
    const objects = [];
    for (const o of r.objects) objects.push({ kind: o.kind, name: o.metadata.name, ns: appNs, o });
    for (const c of p.composed) {
      objects.push({ kind: c.resource.kind, name: c.resource.metadata.name, ns: c.resource.metadata.namespace ?? appNs, o: c.resource });
      const m = c.resource.spec?.forProvider?.manifest;
      if (m) objects.push({ kind: m.kind, name: m.metadata.name, ns: m.metadata.namespace, o: m });
    }
    const find = (kind, name, ns) => objects.find(x => x.kind === kind && x.name === name && x.ns === ns);
    const userSecrets = new Map();
    const connKeys = Object.keys(ctx.get('connection').data);
    const fail = (cmd, why) => assert.fail(`${page}: \`${cmd}\`: ${why}`);
    for (const cmd of pageCommands(read(page))) {
      const ns = /-n (\S+)/.exec(cmd)?.[1];
      if (ns && ![appNs, ctx.pns, 'vela-system'].includes(ns)) fail(cmd, `namespace ${ns} is neither ${appNs} nor ${ctx.pns}`);
      const file = /(?:vela up|kubectl (?:apply|delete)) -f (\S+)/.exec(cmd)?.[1];
      if (file && file !== example) fail(cmd, `applies ${file}, not the page's example ${example}`);
      const app = /^vela (?:status|delete) (\S+)/.exec(cmd)?.[1];
      if (app && (app !== r.application.name || ns !== appNs)) fail(cmd, `the application is ${r.application.name} in ${appNs}`);
      if (/kubectl create namespace (\S+)/.test(cmd) && !cmd.endsWith(` ${appNs}`)) fail(cmd, `the application namespace is ${appNs}`);
      const created = /kubectl create secret generic (\S+) -n \S+ --from-literal=([A-Z_]+)=/.exec(cmd);
      if (created) {
        const refs = [p.xr.spec.lenses?.license, p.xr.spec.lenses?.agentKey].filter(Boolean);
        if (!refs.some(x => x.secretName === created[1] && x.key === created[2])) fail(cmd, `no lenses secret reference of ${example} is ${created[1]}/${created[2]}`);
        userSecrets.set(created[1], [created[2]]);
        continue;
      }
      for (const m of cmd.matchAll(/\b(svc|deploy)\/([a-z0-9-]+)/g)) {
        const kind = m[1] === 'svc' ? 'Service' : 'Deployment';
        const obj = find(kind, m[2], ns);
        if (!obj) fail(cmd, `${kind} ${m[2]} is not created in ${ns}`);
        const pf = /port-forward .* (\d+):(\d+)/.exec(cmd);
        if (pf && kind === 'Service' && !obj.o.spec.ports.some(x => x.port === Number(pf[2]))) fail(cmd, `Service ${m[2]} has no port ${pf[2]}`);
      }
      const pod = /kubectl exec -n \S+ ([a-z0-9-]+)-(\d+) /.exec(cmd);
      if (pod) {
        const sts = find('StatefulSet', pod[1], ns);
        if (!sts || sts.o.spec.replicas <= Number(pod[2])) fail(cmd, `pod ${pod[1]}-${pod[2]} does not exist in ${ns}`);
      }
      const secret = /kubectl get secret (\S+) -n (\S+)/.exec(cmd);
      if (secret) {
        const s = find('Secret', secret[1], secret[2]);
        if (!s) fail(cmd, `Secret ${secret[1]} is not created in ${secret[2]}`);
        const key = /\{\.data\.([^}]+)\}/.exec(cmd)?.[1];
        if (key && !(key in (s.o.data ?? {}))) fail(cmd, `Secret ${secret[1]} has no key ${key}`);
      }
      const deleted = /kubectl delete secret (.+) -n \S+/.exec(cmd);
      if (deleted) for (const s of deleted[1].split(/\s+/)) if (!userSecrets.has(s)) fail(cmd, `${s} is not a secret this page creates`);
      const env = /deploy\/(\S+) -- printenv (.+)$/.exec(cmd);
      if (env) {
        const w = r.components.find(c => c.name === env[1]);
        if (w?.parameter.realtime !== p.component) fail(cmd, `${env[1]} is not wired to ${p.component}`);
        for (const v of env[2].split(/\s+/)) if (!connKeys.includes(v)) fail(cmd, `${v} is not a key of ${ctx.names.connectionSecret}`);
      }
      const topic = /--topic (\S+)/.exec(cmd)?.[1];
      if (topic && !p.xr.spec.topics.some(t => t.name === topic)) fail(cmd, `${topic} is not a declared topic`);
      const db = /psql .*-d (\S+)/.exec(cmd)?.[1];
      if (db && db !== p.xr.spec.postgresql.database) fail(cmd, `the analytics database is ${p.xr.spec.postgresql.database}`);
      const pub = /mosquitto_pub .*-u (\S+) .*-t (\S+)/.exec(cmd);
      if (pub) {
        const user = p.xr.spec.mqtt.users.find(u => u.name === pub[1]);
        if (!user || user.access === 'read') fail(cmd, `${pub[1]} is not an MQTT user that may publish`);
        if (!user.topics.some(f => mqttMatch(f, pub[2]))) fail(cmd, `${pub[1]} may not publish to ${pub[2]}`);
        const bridge = p.xr.spec.mqtt.bridges.find(b => mqttMatch(b.mqttTopic, pub[2]));
        const consumed = /--topic (\S+)/.exec(pageCommands(read(page)).join('\n'))?.[1];
        if (!bridge || bridge.kafkaTopic !== consumed) fail(cmd, `no bridge copies ${pub[2]} to the topic the page then consumes (${consumed})`);
      }
    }
  }
});

const PLURAL = { Namespace: 'namespaces', Service: 'services', ConfigMap: 'configmaps', Secret: 'secrets', Deployment: 'deployments', StatefulSet: 'statefulsets', Job: 'jobs' };

test('the provider-kubernetes setup of the guide fits what the Composition creates', async () => {
  const file = 'docs/user-guide/examples/cluster/provider-kubernetes.yaml';
  const YAML = require('yaml');
  const docs = YAML.parseAllDocuments(read(file)).map(d => d.toJS());
  const byKind = kind => docs.filter(d => d.kind === kind);
  const [drc] = byKind('DeploymentRuntimeConfig');
  const [provider] = byKind('Provider');
  const [role] = byKind('ClusterRole');
  const [binding] = byKind('ClusterRoleBinding');
  const [pc] = byKind('ClusterProviderConfig');
  for (const [kind, model] of [['ClusterRole', role], ['ClusterRoleBinding', binding]]) {
    // eslint-disable-next-line import/no-dynamic-require
    const Model = require(path.join(REPO, `node_modules/kubernetes-models/rbac.authorization.k8s.io/v1/${kind}.js`))[kind];
    assert.doesNotThrow(() => new Model(model).validate(), `${file}: ${kind} fails the Kubernetes schema`);
  }
  assert.match(provider.spec.package, /^xpkg\.crossplane\.io\/crossplane-contrib\/provider-kubernetes:v\d+\.\d+\.\d+$/, 'pinned provider-kubernetes package');
  assert.equal(provider.spec.runtimeConfigRef.name, drc.metadata.name);
  assert.equal(binding.roleRef.name, role.metadata.name);
  assert.deepEqual(binding.subjects.map(s => `${s.namespace}/${s.name}`), [`crossplane-system/${drc.spec.serviceAccountTemplate.metadata.name}`]);
  assert.equal(pc.spec.credentials.source, 'InjectedIdentity');
  for (const { file: ex, ctx } of await contexts()) {
    for (const c of ctx.platform.composed.filter(x => x.resource.kind === 'Object')) {
      const o = c.resource;
      assert.equal(`${o.apiVersion.split('/')[0]}/${o.spec.providerConfigRef.kind}/${o.spec.providerConfigRef.name}`, `${pc.apiVersion.split('/')[0]}/${pc.kind}/${pc.metadata.name}`, `${ex}: Object ${o.metadata.name} uses a provider config the guide does not create`);
      const m = o.spec.forProvider.manifest;
      const group = m.apiVersion.includes('/') ? m.apiVersion.split('/')[0] : '';
      const rule = role.rules.find(r => r.apiGroups.includes(group) && r.resources.includes(PLURAL[m.kind]));
      assert.ok(rule, `${ex}: the ClusterRole of ${file} does not let the provider manage ${m.kind}`);
      for (const verb of ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete']) assert.ok(rule.verbs.includes(verb), `${m.kind}: verb ${verb} missing`);
    }
  }
  const guide = read('docs/user-guide/index.md');
  assert.ok(guide.includes(`--8<-- "${file}"`) && guide.includes(`kubectl apply -f ${file}`), 'the prerequisites show and apply this file');
});
