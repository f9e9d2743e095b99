// What the architecture pages say the platform is made of, as data the tests check against the
// composition's rendered output: the parts (and the composed resources each one owns), the
// connections between parts found in the rendered objects, and the edge checks for what a
// diagram draws.
const { platformNames, SERVICE_COMPONENT_TYPE } = require('./kit.cjs').kitModule;

const hasConnect = s => s.mqtt.bridges.length > 0 || s.postgresql.sink.topics.length > 0;
const hasLenses = s => s.lenses !== undefined;
const always = () => true;

/**
 * Parts of the platform. `resources`: the composition-resource-names the part owns (every
 * composed resource must belong to exactly one part); `when`: for which composite spec the part
 * is created. Parts without resources are outside the composition and checked by `check`.
 */
const PARTS = [
  { id: 'ns', label: 'Platform namespace', resources: ['namespace'], when: always },
  { id: 'credentials', label: 'Generated credentials', when: always,
    resources: ['credentials', 'mqtt-users', 'platform-credentials', 'platform-mqtt-users',
      { name: 'lenses-license', when: hasLenses }, { name: 'lenses-agent-key', when: hasLenses }] },
  { id: 'conn_secret', label: 'Connection secret', resources: ['connection'], when: always },
  { id: 'kafka', label: 'Apache Kafka (KRaft)', resources: ['kafka', 'kafka-service', 'kafka-headless-service'], when: always, workload: 'StatefulSet/kafka' },
  { id: 'topics_job', label: 'Topic provisioning Job', resources: ['topics'], when: always, workload: 'Job/topics-<hash>' },
  { id: 'schema_registry', label: 'Schema registry', resources: ['schema-registry', 'schema-registry-service'], when: always, workload: 'Deployment/schema-registry' },
  { id: 'mqtt', label: 'MQTT broker (Mosquitto 2)', resources: ['mqtt', 'mqtt-service', 'mqtt-config'], when: always, workload: 'Deployment/mqtt' },
  { id: 'connect', label: 'Kafka Connect: MQTT bridge and PostgreSQL sink', resources: ['connect', 'connect-service'], when: hasConnect, workload: 'Deployment/connect' },
  { id: 'connectors_job', label: 'Connector provisioning Job', resources: ['connectors'], when: hasConnect, workload: 'Job/connectors-<hash>' },
  { id: 'postgresql', label: 'PostgreSQL', resources: ['postgresql', 'postgresql-service', 'postgresql-init'], when: always, workload: 'StatefulSet/postgresql' },
  { id: 'metabase', label: 'Metabase', resources: ['metabase', 'metabase-service'], when: always, workload: 'Deployment/metabase' },
  { id: 'metabase_setup', label: 'Metabase setup Job', resources: ['metabase-setup'], when: always, workload: 'Job/metabase-setup-<hash>' },
  { id: 'lenses_hq', label: 'Lenses HQ', resources: ['lenses-hq', 'lenses-hq-service', 'lenses-hq-config'], when: hasLenses, workload: 'Deployment/lenses-hq' },
  { id: 'lenses_agent', label: 'Lenses Agent', resources: ['lenses-agent', 'lenses-agent-config'], when: hasLenses, workload: 'Deployment/lenses-agent' },
  // Outside the composition.
  { id: 'webservice', label: 'Your webservices', outside: true },
  { id: 'xr', label: 'RealtimePlatform composite resource', outside: true },
  { id: 'application', label: 'OAM Application', outside: true },
  { id: 'kubevela', label: 'KubeVela', outside: true },
  { id: 'crossplane', label: 'Crossplane', outside: true },
  { id: 'composition', label: 'Composition realtime-platform', outside: true },
  { id: 'fn_templating', label: 'function-go-templating', outside: true },
  { id: 'fn_autoready', label: 'function-auto-ready', outside: true },
  { id: 'provider_k8s', label: 'provider-kubernetes', outside: true },
  { id: 'developer', label: 'Developer (actor)', actor: true },
  { id: 'devices', label: 'Devices (actor)', actor: true },
  { id: 'people', label: 'People with a browser (actor)', actor: true },
];

/** Groups: a node standing for several parts (used by the home page diagram). */
const GROUPS = { lenses: ['lenses_hq', 'lenses_agent'] };

/** Other node ids used for the same part (the home page diagram, docs/diagrams/overview.mmd). */
const ALIASES = { dev: 'developer', vela: 'kubevela', xp: 'crossplane', stack: 'ns', sr: 'schema_registry', pg: 'postgresql', svc: 'webservice' };

const PART = new Map(PARTS.map(p => [p.id, p]));
const resolve = id => ALIASES[id] ?? id;
const expand = id => GROUPS[resolve(id)] ?? [resolve(id)];
const pairKey = (a, b) => [a, b].sort().join('|');

const resourceOwner = new Map();
for (const p of PARTS) for (const r of p.resources ?? []) resourceOwner.set(typeof r === 'string' ? r : r.name, p.id);

/** Resource name -> expected presence for one composite spec. */
function expectedResources(spec) {
  const out = new Map();
  for (const p of PARTS) {
    for (const r of p.resources ?? []) {
      const name = typeof r === 'string' ? r : r.name;
      const when = typeof r === 'string' ? p.when : r.when;
      out.set(name, p.when(spec) && when(spec));
    }
  }
  return out;
}

const manifestOf = c => c.resource?.spec?.forProvider?.manifest ?? c.resource;

/** Everything the tests need about one rendered platform. */
function platformContext(result, platform) {
  const names = platformNames(platform.component, result.application.namespace);
  const byName = new Map(platform.composed.map(c => [c.name, manifestOf(c)]));
  const webservices = result.components.filter(
    c => c.type === SERVICE_COMPONENT_TYPE && c.parameter.realtime === platform.component,
  );
  return {
    result, platform, spec: platform.xr.spec, names,
    pns: names.platformNamespace,
    svcSuffix: `${names.platformNamespace}.svc.cluster.local`,
    byName,
    get: name => byName.get(name),
    webservices,
    webserviceObjects: result.objects.filter(o => webservices.some(w => w.name === o.metadata.name)),
  };
}

const SERVICE_OWNER = {
  kafka: 'kafka', 'kafka-headless': 'kafka', 'schema-registry': 'schema_registry', mqtt: 'mqtt',
  connect: 'connect', postgresql: 'postgresql', metabase: 'metabase', 'lenses-hq': 'lenses_hq',
};

/**
 * Connections found in the rendered objects: a part whose manifest names another part's Service
 * (`<service>.<platform namespace>.svc.cluster.local`). Connector configs that the connectors Job
 * PUTs are Kafka Connect's connections; the addresses in the connection secret are the connections
 * of the webservices that receive it; the analytics database the Metabase setup Job registers is
 * Metabase's.
 */
function discoveredConnections(ctx) {
  const found = new Map();
  const add = (a, b, why) => {
    if (a === b) return;
    const k = pairKey(a, b);
    if (!found.has(k)) found.set(k, []);
    found.get(k).push(why);
  };
  const hostRe = new RegExp(`([a-z0-9-]+)\\.${ctx.svcSuffix.replace(/\./g, '\\.')}`, 'g');
  const services = text => [...text.matchAll(hostRe)].map(m => m[1]);
  for (const c of ctx.platform.composed) {
    const owner = resourceOwner.get(c.name);
    let text = JSON.stringify(manifestOf(c));
    if (c.name === 'connection') {
      text = Object.values(c.resource.data ?? {}).map(v => Buffer.from(v, 'base64').toString('utf8')).join('\n');
      for (const s of services(text)) for (const w of ctx.webservices) add('webservice', SERVICE_OWNER[s], `${w.name} gets ${s} in ${ctx.names.connectionSecret}`);
      continue;
    }
    if (!owner) continue;
    if (c.name === 'connectors') {
      for (const body of text.match(/--data '\{.*?\}'/g) ?? []) {
        for (const s of services(body)) add('connect', SERVICE_OWNER[s], `connector config names ${s}`);
      }
      if (services(text).includes('connect')) add('connectors_job', 'connect', 'the connectors Job PUTs connector configs to connect');
      continue;
    }
    if (c.name === 'metabase-setup') {
      if (text.includes('"engine":"postgres"') && services(text).includes('postgresql')) add('metabase', 'postgresql', 'the setup Job registers the analytics database in Metabase');
      if (services(text).includes('metabase')) add('metabase_setup', 'metabase', 'the setup Job calls the Metabase API');
      continue;
    }
    for (const s of services(text)) {
      if (!SERVICE_OWNER[s]) throw new Error(`${c.name} names service ${s}, which no part owns (scripts/docs/lib/architecture.cjs SERVICE_OWNER)`);
      add(owner, SERVICE_OWNER[s], `${c.name} names ${s}`);
    }
  }
  return found;
}

const env = (manifest, container = 0) =>
  Object.fromEntries((manifest?.spec?.template?.spec?.containers?.[container]?.env ?? []).map(e => [e.name, e.value]));
const script = m => JSON.stringify(m?.spec?.template?.spec?.containers ?? []);

/** Service `<name>` of the platform with `port`, else an error text. */
function needService(ctx, name, port) {
  const s = [...ctx.byName.values()].find(m => m?.kind === 'Service' && m.metadata.name === name);
  if (!s) return `Service ${name} is not composed`;
  if (!s.spec.ports.some(p => p.port === port)) return `Service ${name} has no port ${port}`;
  return null;
}

/**
 * Checks for drawn edges beyond "the rendered objects connect the two parts": what the edge
 * claims in detail (every bridge mapping, the sink's topics, ...). `when`: the spec for which the
 * edge exists; a drawn data-plane edge without an entry here exists when both parts exist.
 * `indirect`: the two parts are connected through another part, so only `check` applies.
 */
const EDGE_CHECKS = {
  [pairKey('mqtt', 'connect')]: {
    when: s => s.mqtt.bridges.length > 0,
    check: ctx => {
      const job = script(ctx.get('connectors'));
      for (const [i, b] of ctx.spec.mqtt.bridges.entries()) {
        const kcql = `INSERT INTO \`${b.kafkaTopic}\` SELECT * FROM \`${b.mqttTopic}\``;
        if (!job.includes(kcql)) return `bridge ${i} (${b.mqttTopic} -> ${b.kafkaTopic}) has no MQTT source connector with KCQL "${kcql}"`;
        if (!job.includes(`mqtt-bridge-${i}/config`)) return `bridge ${i}: connector mqtt-bridge-${i} is not configured`;
      }
      if (!job.includes(`tcp://mqtt.${ctx.svcSuffix}:1883`)) return 'the MQTT source connectors do not connect to Service mqtt:1883';
      return null;
    },
  },
  [pairKey('connect', 'postgresql')]: {
    when: s => s.postgresql.sink.topics.length > 0,
    check: ctx => {
      const job = script(ctx.get('connectors'));
      const url = `jdbc:postgresql://postgresql.${ctx.svcSuffix}:5432/${ctx.spec.postgresql.database}`;
      if (!job.includes(url)) return `no JDBC sink connector writing to ${url}`;
      if (!job.includes(`\\"topics\\":\\"${ctx.spec.postgresql.sink.topics.join(',')}\\"`)) return `the JDBC sink does not read exactly ${ctx.spec.postgresql.sink.topics.join(',')}`;
      return null;
    },
  },
  [pairKey('connect', 'schema_registry')]: {
    when: s => s.postgresql.sink.topics.length > 0 && s.postgresql.sink.valueFormat === 'avro',
  },
  [pairKey('connect', 'kafka')]: {
    when: hasConnect,
    check: ctx => (env(ctx.get('connect')).CONNECT_BOOTSTRAP_SERVERS === `kafka.${ctx.svcSuffix}:9092` ? null : 'Kafka Connect does not bootstrap from Service kafka:9092'),
  },
  [pairKey('metabase', 'postgresql')]: {
    when: always,
    check: ctx => {
      if (env(ctx.get('metabase')).MB_DB_HOST !== `postgresql.${ctx.svcSuffix}`) return 'Metabase does not keep its app database on Service postgresql';
      const setup = script(ctx.get('metabase-setup'));
      if (!setup.includes(`\\"dbname\\":\\"${ctx.spec.postgresql.database}\\"`)) return `the Metabase setup Job does not register the analytics database ${ctx.spec.postgresql.database}`;
      return null;
    },
  },
  [pairKey('topics_job', 'kafka')]: {
    when: always,
    check: ctx => {
      const job = script(ctx.get('topics'));
      const missing = ctx.spec.topics.filter(t => !job.includes(t.name)).map(t => t.name);
      return missing.length ? `the topics Job does not create ${missing.join(', ')}` : null;
    },
  },
  [pairKey('lenses_agent', 'lenses_hq')]: {
    when: hasLenses,
    check: ctx => needService(ctx, 'lenses-hq', 10000) ?? (JSON.stringify(ctx.get('lenses-agent-config')).includes('value: 10000') ? null : 'the agent is not provisioned with HQ port 10000'),
  },
  [pairKey('lenses_agent', 'connect')]: { when: s => hasLenses(s) && hasConnect(s) },
  [pairKey('webservice', 'lenses_hq')]: { when: hasLenses },
  // Shortcuts the home page diagram draws (docs/diagrams/overview.mmd): through Kafka Connect.
  [pairKey('mqtt', 'kafka')]: {
    indirect: true,
    when: s => s.mqtt.bridges.length > 0,
    check: ctx => EDGE_CHECKS[pairKey('mqtt', 'connect')].check(ctx) ?? EDGE_CHECKS[pairKey('connect', 'kafka')].check(ctx),
  },
  [pairKey('kafka', 'postgresql')]: {
    indirect: true,
    when: s => s.postgresql.sink.topics.length > 0,
    check: ctx => EDGE_CHECKS[pairKey('connect', 'postgresql')].check(ctx) ?? EDGE_CHECKS[pairKey('connect', 'kafka')].check(ctx),
  },
  [pairKey('crossplane', 'webservice')]: { when: always, check: ctx => EDGE_CHECKS[pairKey('conn_secret', 'webservice')].check(ctx) },
  [pairKey('crossplane', 'ns')]: { when: always, check: ctx => EDGE_CHECKS[pairKey('provider_k8s', 'ns')].check(ctx) },
  [pairKey('webservice', 'connect')]: { when: () => false },
  // People and devices reach the platform through its Services.
  [pairKey('devices', 'mqtt')]: {
    when: always,
    check: ctx => {
      const conf = JSON.stringify(ctx.get('mqtt-config'));
      return needService(ctx, 'mqtt', 1883) ?? needService(ctx, 'mqtt', 9001) ??
        (conf.includes('listener 9001') && conf.includes('protocol websockets') && conf.includes('listener 1883') ? null : 'Mosquitto does not listen on 1883 and 9001 (websockets)');
    },
  },
  [pairKey('people', 'metabase')]: { when: always, check: ctx => needService(ctx, 'metabase', 3000) },
  [pairKey('people', 'lenses_hq')]: { when: hasLenses, check: ctx => needService(ctx, 'lenses-hq', 8080) },
  // Provisioning: checked against the definitions, the composition and the rendered objects.
  [pairKey('developer', 'application')]: { when: always, check: ctx => (ctx.result.application.name ? null : 'not an OAM Application') },
  [pairKey('developer', 'kubevela')]: { when: always, check: () => null },
  [pairKey('application', 'kubevela')]: { when: always, check: ctx => (ctx.result.components.length ? null : 'no component rendered') },
  [pairKey('kubevela', 'xr')]: {
    when: always,
    check: ctx => (ctx.platform.xr.kind === 'RealtimePlatform' && ctx.platform.xr.metadata.name === ctx.platform.component ? null : 'the realtime-platform component does not output a RealtimePlatform'),
  },
  [pairKey('kubevela', 'crossplane')]: { when: always, check: ctx => (ctx.platform.xr.apiVersion.startsWith('realtime.platform.example.org/') ? null : 'no composite resource') },
  [pairKey('kubevela', 'webservice')]: {
    when: always,
    check: ctx => {
      const ws = ctx.result.components.filter(c => c.type === SERVICE_COMPONENT_TYPE);
      for (const w of ws) {
        const kinds = ctx.result.objects.filter(o => o.metadata.name === w.name).map(o => o.kind).sort().join(',');
        if (kinds !== 'Deployment,Service') return `${SERVICE_COMPONENT_TYPE} ${w.name} renders ${kinds}, not a Deployment and a Service`;
      }
      return null;
    },
  },
  [pairKey('xr', 'composition')]: {
    when: always,
    check: (ctx, kit) => {
      const ref = kit.compositionFile.composition.spec.compositeTypeRef;
      return ref.kind === ctx.platform.xr.kind && ref.apiVersion === ctx.platform.xr.apiVersion ? null : 'the Composition does not select RealtimePlatform';
    },
  },
  [pairKey('xr', 'crossplane')]: { when: always, check: (ctx, kit) => (kit.compositionFile.xrd.spec.names.kind === ctx.platform.xr.kind ? null : 'the XRD does not define RealtimePlatform') },
  [pairKey('composition', 'fn_templating')]: { when: always, check: (ctx, kit) => pipelineHas(kit, 'function-go-templating', 0) },
  [pairKey('fn_templating', 'fn_autoready')]: { when: always, check: (ctx, kit) => pipelineHas(kit, 'function-auto-ready', 1) },
  [pairKey('composition', 'fn_autoready')]: { when: always, check: (ctx, kit) => pipelineHas(kit, 'function-auto-ready', 1) },
  [pairKey('fn_autoready', 'xr')]: { when: always, check: (ctx, kit) => pipelineHas(kit, 'function-auto-ready', -1) },
  [pairKey('fn_templating', 'provider_k8s')]: { when: always, check: ctx => objectsCheck(ctx) },
  [pairKey('provider_k8s', 'ns')]: { when: always, check: ctx => objectsCheck(ctx) ?? (ctx.get('namespace')?.metadata.name === ctx.pns ? null : `namespace ${ctx.pns} is not composed`) },
  [pairKey('fn_templating', 'conn_secret')]: { when: always, check: ctx => (ctx.get('connection')?.metadata.name === ctx.names.connectionSecret ? null : 'no connection secret') },
  [pairKey('fn_templating', 'credentials')]: { when: always, check: ctx => (ctx.get('credentials')?.metadata.name === ctx.names.credentialsSecret ? null : 'no credentials secret') },
  [pairKey('credentials', 'conn_secret')]: {
    when: always,
    check: ctx => (ctx.get('connection').data.MQTT_PASSWORD === ctx.get('credentials').data.MQTT_PASSWORD ? null : 'the connection secret does not carry the generated MQTT password'),
  },
  [pairKey('credentials', 'kafka')]: { when: always, check: ctx => readsSecret(ctx, 'kafka', 'credentials') },
  [pairKey('credentials', 'postgresql')]: { when: always, check: ctx => readsSecret(ctx, 'postgresql', 'credentials') },
  [pairKey('credentials', 'mqtt')]: { when: always, check: ctx => readsSecret(ctx, 'mqtt', 'mqtt-users') ?? readsSecret(ctx, 'mqtt', 'credentials') },
  [pairKey('credentials', 'ns')]: { when: always, check: ctx => (ctx.get('platform-credentials')?.metadata.namespace === ctx.pns ? null : 'credentials are not copied into the platform namespace') },
  [pairKey('conn_secret', 'webservice')]: {
    when: always,
    check: ctx => {
      for (const d of ctx.webserviceObjects.filter(o => o.kind === 'Deployment')) {
        const envFrom = d.spec.template.spec.containers[0].envFrom ?? [];
        if (envFrom.length !== 1 || envFrom[0].secretRef?.name !== ctx.names.connectionSecret) return `${d.metadata.name} does not get ${ctx.names.connectionSecret} as its only envFrom`;
      }
      return null;
    },
  },
};

/** Whether the workload composed as `name` reads Secret `secret` of the platform namespace. */
function readsSecret(ctx, name, secret) {
  const spec = JSON.stringify(ctx.get(name)?.spec?.template ?? {});
  return spec.includes(`"name":"${secret}"`) || spec.includes(`"secretName":"${secret}"`) ? null : `${name} does not read Secret ${secret}`;
}

function pipelineHas(kit, fn, index) {
  const steps = kit.compositionFile.composition.spec.pipeline;
  const step = index === -1 ? steps.at(-1) : steps[index];
  if (step?.functionRef?.name !== fn) return `pipeline step ${index} is not ${fn}`;
  if (!kit.compositionFile.functions.some(f => f.metadata.name === fn)) return `Function ${fn} is not declared`;
  return null;
}

function objectsCheck(ctx) {
  const objs = ctx.platform.composed.filter(c => c.resource.kind === 'Object');
  if (!objs.length) return 'no provider-kubernetes Objects';
  const bad = objs.find(o => o.resource.apiVersion !== 'kubernetes.m.crossplane.io/v1alpha1');
  return bad ? `${bad.name} is ${bad.resource.apiVersion}` : null;
}

/** Provisioning and actor edges are not connections between running parts. */
const isControlPlane = id => PART.get(id)?.outside && id !== 'webservice';

module.exports = {
  PARTS, PART, GROUPS, ALIASES, EDGE_CHECKS, resolve, expand, pairKey, resourceOwner,
  expectedResources, platformContext, discoveredConnections, isControlPlane, hasConnect, hasLenses,
  manifestOf,
};
