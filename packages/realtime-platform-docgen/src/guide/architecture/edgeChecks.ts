import {
  SERVICES,
  ServiceEndpoint,
  serviceHost,
} from '@internal/realtime-platform-contract';
import { SERVICE_COMPONENT_TYPE } from '@internal/realtime-platform-contract';
import { RealtimeKit } from '@internal/realtime-platform-kit';
import { PlatformContext } from './context';
import { always, hasConnect, hasLenses, pairKey } from './parts';
import { Manifest, PlatformSpec } from './types';

/** What a drawn edge claims beyond "the rendered objects connect the two parts". */
export interface EdgeCheck {
  /** The spec for which the edge exists (default: both parts exist). */
  when?: (spec: PlatformSpec) => boolean;
  /** Why the edge is not what the platform builds, or null when it is. */
  check?: (ctx: PlatformContext, kit: RealtimeKit) => string | null;
  /** The two parts are connected through another part, so only `check` applies. */
  indirect?: boolean;
}

const env = (manifest: Manifest | undefined, container = 0) =>
  Object.fromEntries(
    (manifest?.spec?.template?.spec?.containers?.[container]?.env ?? []).map(
      e => [e.name, e.value],
    ),
  );
const script = (m: Manifest | undefined) =>
  JSON.stringify(m?.spec?.template?.spec?.containers ?? []);

/** Service `<name>` of the platform with `port`, else an error text. */
/** `<host>:<port>` of a platform Service, as the composed configs address it. */
function endpoint(ctx: PlatformContext, service: ServiceEndpoint): string {
  return `${serviceHost(service.name, ctx.pns)}:${service.port}`;
}

function needService(
  ctx: PlatformContext,
  name: string,
  port: number,
): string | null {
  const s = [...ctx.byName.values()].find(
    m => m?.kind === 'Service' && m.metadata.name === name,
  );
  if (!s) return `Service ${name} is not composed`;
  if (!s.spec?.ports?.some(p => p.port === port))
    return `Service ${name} has no port ${port}`;
  return null;
}

/** Whether the workload composed as `name` reads Secret `secret` of the platform namespace. */
function readsSecret(
  ctx: PlatformContext,
  name: string,
  secret: string,
): string | null {
  const spec = JSON.stringify(ctx.get(name)?.spec?.template ?? {});
  return spec.includes(`"name":"${secret}"`) ||
    spec.includes(`"secretName":"${secret}"`)
    ? null
    : `${name} does not read Secret ${secret}`;
}

function pipelineHas(
  kit: RealtimeKit,
  fn: string,
  index: number,
): string | null {
  const steps: { functionRef?: { name?: string } }[] =
    kit.compositionFile.composition.spec.pipeline;
  const step = index === -1 ? steps.at(-1) : steps[index];
  if (step?.functionRef?.name !== fn)
    return `pipeline step ${index} is not ${fn}`;
  if (
    !kit.compositionFile.functions.some((f: Manifest) => f.metadata.name === fn)
  )
    return `Function ${fn} is not declared`;
  return null;
}

function objectsCheck(ctx: PlatformContext): string | null {
  const objs = ctx.platform.composed.filter(c => c.resource.kind === 'Object');
  if (!objs.length) return 'no provider-kubernetes Objects';
  const bad = objs.find(
    o => o.resource.apiVersion !== 'kubernetes.m.crossplane.io/v1alpha1',
  );
  return bad ? `${bad.name} is ${bad.resource.apiVersion}` : null;
}

/**
 * Checks for drawn edges beyond "the rendered objects connect the two parts": what the edge
 * claims in detail (every bridge mapping, the sink's topics, ...). A drawn data-plane edge
 * without an entry here exists when both parts exist.
 */
export const EDGE_CHECKS: Record<string, EdgeCheck> = {
  [pairKey('mqtt', 'connect')]: {
    when: s => s.mqtt.bridges.length > 0,
    check: ctx => {
      const job = script(ctx.get('connectors'));
      for (const [i, b] of ctx.spec.mqtt.bridges.entries()) {
        const from = `\\"camel.source.path.topic\\":\\"${b.mqttTopic}\\"`;
        const to = `\\"topics\\":\\"${b.kafkaTopic}\\"`;
        const connector = job
          .split('/connectors/')
          .find(part => part.includes(from) && part.includes(to));
        if (!connector)
          return `bridge ${i} (${b.mqttTopic} -> ${b.kafkaTopic}) has no MQTT source connector subscribed to ${b.mqttTopic} writing to ${b.kafkaTopic}`;
        if (!job.includes(`mqtt-bridge-${i}/config`))
          return `bridge ${i}: connector mqtt-bridge-${i} is not configured`;
      }
      if (!job.includes(`tcp://${endpoint(ctx, SERVICES.mqtt)}`))
        return `the MQTT source connectors do not connect to Service ${SERVICES.mqtt.name}:${SERVICES.mqtt.port}`;
      return null;
    },
  },
  [pairKey('connect', 'postgresql')]: {
    when: s => s.postgresql.sink.topics.length > 0,
    check: ctx => {
      const job = script(ctx.get('connectors'));
      const url = `jdbc:postgresql://${endpoint(ctx, SERVICES.postgresql)}/${
        ctx.spec.postgresql.database
      }`;
      if (!job.includes(url)) return `no JDBC sink connector writing to ${url}`;
      const topics = ctx.spec.postgresql.sink.topics.join(',');
      if (!job.includes(`\\"topics\\":\\"${topics}\\"`))
        return `the JDBC sink does not read exactly ${topics}`;
      return null;
    },
  },
  // The sink stores values undecoded (no Avro converter is on Maven Central): Connect never
  // reads the registry.
  [pairKey('connect', 'schema_registry')]: { when: () => false },
  [pairKey('connect', 'kafka')]: {
    when: hasConnect,
    check: ctx =>
      (ctx.get('connect-config')?.data as Record<string, string> | undefined)?.[
        'connect-distributed.properties'
      ]?.includes(`bootstrap.servers=${endpoint(ctx, SERVICES.kafka)}\n`)
        ? null
        : `Kafka Connect does not bootstrap from Service ${SERVICES.kafka.name}:${SERVICES.kafka.port}`,
  },
  [pairKey('metabase', 'postgresql')]: {
    when: always,
    check: ctx => {
      if (
        env(ctx.get('metabase')).MB_DB_HOST !==
        serviceHost(SERVICES.postgresql.name, ctx.pns)
      )
        return 'Metabase does not keep its app database on Service postgresql';
      const setup = script(ctx.get('metabase-setup'));
      if (!setup.includes(`\\"dbname\\":\\"${ctx.spec.postgresql.database}\\"`))
        return `the Metabase setup Job does not register the analytics database ${ctx.spec.postgresql.database}`;
      return null;
    },
  },
  [pairKey('topics_job', 'kafka')]: {
    when: always,
    check: ctx => {
      const job = script(ctx.get('topics'));
      const missing = ctx.spec.topics
        .filter(t => !job.includes(t.name))
        .map(t => t.name);
      return missing.length
        ? `the topics Job does not create ${missing.join(', ')}`
        : null;
    },
  },
  [pairKey('lenses_agent', 'lenses_hq')]: {
    when: hasLenses,
    check: ctx =>
      needService(ctx, 'lenses-hq', 10000) ??
      (JSON.stringify(ctx.get('lenses-agent-config')).includes('value: 10000')
        ? null
        : 'the agent is not provisioned with HQ port 10000'),
  },
  [pairKey('lenses_agent', 'connect')]: {
    when: s => hasLenses(s) && hasConnect(s),
  },
  [pairKey('webservice', 'lenses_hq')]: { when: hasLenses },
  // Shortcuts the home page diagram draws (docs/diagrams/overview.mmd): through Kafka Connect.
  [pairKey('mqtt', 'kafka')]: {
    indirect: true,
    when: s => s.mqtt.bridges.length > 0,
    check: (ctx, kit) =>
      check(pairKey('mqtt', 'connect'))(ctx, kit) ??
      check(pairKey('connect', 'kafka'))(ctx, kit),
  },
  [pairKey('kafka', 'postgresql')]: {
    indirect: true,
    when: s => s.postgresql.sink.topics.length > 0,
    check: (ctx, kit) =>
      check(pairKey('connect', 'postgresql'))(ctx, kit) ??
      check(pairKey('connect', 'kafka'))(ctx, kit),
  },
  [pairKey('crossplane', 'webservice')]: {
    when: always,
    check: (ctx, kit) => check(pairKey('conn_secret', 'webservice'))(ctx, kit),
  },
  [pairKey('crossplane', 'ns')]: {
    when: always,
    check: (ctx, kit) => check(pairKey('provider_k8s', 'ns'))(ctx, kit),
  },
  [pairKey('webservice', 'connect')]: { when: () => false },
  // People and devices reach the platform through its Services.
  [pairKey('devices', 'mqtt')]: {
    when: always,
    check: ctx => {
      const conf = JSON.stringify(ctx.get('mqtt-config'));
      return (
        needService(ctx, SERVICES.mqtt.name, SERVICES.mqtt.port) ??
        needService(
          ctx,
          SERVICES.mqttWebSocket.name,
          SERVICES.mqttWebSocket.port,
        ) ??
        (conf.includes(`listener ${SERVICES.mqttWebSocket.port}`) &&
        conf.includes('protocol websockets') &&
        conf.includes(`listener ${SERVICES.mqtt.port}`)
          ? null
          : `Mosquitto does not listen on ${SERVICES.mqtt.port} and ${SERVICES.mqttWebSocket.port} (websockets)`)
      );
    },
  },
  [pairKey('people', 'metabase')]: {
    when: always,
    check: ctx => needService(ctx, 'metabase', 3000),
  },
  [pairKey('people', 'lenses_hq')]: {
    when: hasLenses,
    check: ctx => needService(ctx, 'lenses-hq', 8080),
  },
  // Provisioning: checked against the definitions, the composition and the rendered objects.
  [pairKey('developer', 'application')]: {
    when: always,
    check: ctx =>
      ctx.result.application.name ? null : 'not an OAM Application',
  },
  [pairKey('developer', 'kubevela')]: { when: always, check: () => null },
  [pairKey('application', 'kubevela')]: {
    when: always,
    check: ctx =>
      ctx.result.components.length ? null : 'no component rendered',
  },
  [pairKey('kubevela', 'xr')]: {
    when: always,
    check: ctx =>
      ctx.platform.xr.kind === 'RealtimePlatform' &&
      ctx.platform.xr.metadata.name === ctx.platform.component
        ? null
        : 'the realtime-platform component does not output a RealtimePlatform',
  },
  [pairKey('kubevela', 'crossplane')]: {
    when: always,
    check: ctx =>
      ctx.platform.xr.apiVersion.startsWith('realtime.platform.example.org/')
        ? null
        : 'no composite resource',
  },
  [pairKey('kubevela', 'webservice')]: {
    when: always,
    check: ctx => {
      const ws = ctx.result.components.filter(
        c => c.type === SERVICE_COMPONENT_TYPE,
      );
      for (const w of ws) {
        const kinds = ctx.result.objects
          .filter(o => o.metadata.name === w.name)
          .map(o => o.kind)
          .sort()
          .join(',');
        if (kinds !== 'Deployment,Service')
          return `${SERVICE_COMPONENT_TYPE} ${w.name} renders ${kinds}, not a Deployment and a Service`;
      }
      return null;
    },
  },
  [pairKey('xr', 'composition')]: {
    when: always,
    check: (ctx, kit) => {
      const ref = kit.compositionFile.composition.spec.compositeTypeRef;
      return ref.kind === ctx.platform.xr.kind &&
        ref.apiVersion === ctx.platform.xr.apiVersion
        ? null
        : 'the Composition does not select RealtimePlatform';
    },
  },
  [pairKey('xr', 'crossplane')]: {
    when: always,
    check: (ctx, kit) =>
      kit.compositionFile.xrd.spec.names.kind === ctx.platform.xr.kind
        ? null
        : 'the XRD does not define RealtimePlatform',
  },
  [pairKey('composition', 'fn_templating')]: {
    when: always,
    check: (_ctx, kit) => pipelineHas(kit, 'function-go-templating', 0),
  },
  [pairKey('fn_templating', 'fn_autoready')]: {
    when: always,
    check: (_ctx, kit) => pipelineHas(kit, 'function-auto-ready', 1),
  },
  [pairKey('composition', 'fn_autoready')]: {
    when: always,
    check: (_ctx, kit) => pipelineHas(kit, 'function-auto-ready', 1),
  },
  [pairKey('fn_autoready', 'xr')]: {
    when: always,
    check: (_ctx, kit) => pipelineHas(kit, 'function-auto-ready', -1),
  },
  [pairKey('fn_templating', 'provider_k8s')]: {
    when: always,
    check: ctx => objectsCheck(ctx),
  },
  [pairKey('provider_k8s', 'ns')]: {
    when: always,
    check: ctx =>
      objectsCheck(ctx) ??
      (ctx.get('namespace')?.metadata.name === ctx.pns
        ? null
        : `namespace ${ctx.pns} is not composed`),
  },
  [pairKey('fn_templating', 'conn_secret')]: {
    when: always,
    check: ctx =>
      ctx.get('connection')?.metadata.name === ctx.names.connectionSecret
        ? null
        : 'no connection secret',
  },
  [pairKey('fn_templating', 'credentials')]: {
    when: always,
    check: ctx =>
      ctx.get('credentials')?.metadata.name === ctx.names.credentialsSecret
        ? null
        : 'no credentials secret',
  },
  [pairKey('credentials', 'conn_secret')]: {
    when: always,
    check: ctx => {
      const carried = ctx.get('connection')?.data?.MQTT_PASSWORD;
      return carried !== undefined &&
        carried === ctx.get('credentials')?.data?.MQTT_PASSWORD
        ? null
        : 'the connection secret does not carry the generated MQTT password';
    },
  },
  [pairKey('credentials', 'kafka')]: {
    when: always,
    check: ctx => readsSecret(ctx, 'kafka', 'credentials'),
  },
  [pairKey('credentials', 'postgresql')]: {
    when: always,
    check: ctx => readsSecret(ctx, 'postgresql', 'credentials'),
  },
  [pairKey('credentials', 'mqtt')]: {
    when: always,
    check: ctx =>
      readsSecret(ctx, 'mqtt', 'mqtt-users') ??
      readsSecret(ctx, 'mqtt', 'credentials'),
  },
  [pairKey('credentials', 'ns')]: {
    when: always,
    check: ctx =>
      ctx.get('secret-sync-config')?.metadata.namespace === ctx.pns
        ? null
        : 'credentials are not copied into the platform namespace (no secret-sync ConfigMap there)',
  },
  [pairKey('conn_secret', 'webservice')]: {
    when: always,
    check: ctx => {
      for (const d of ctx.webserviceObjects.filter(
        o => o.kind === 'Deployment',
      )) {
        const envFrom = d.spec?.template?.spec?.containers?.[0].envFrom ?? [];
        if (
          envFrom.length !== 1 ||
          envFrom[0].secretRef?.name !== ctx.names.connectionSecret
        )
          return `${d.metadata.name} does not get ${ctx.names.connectionSecret} as its only envFrom`;
      }
      return null;
    },
  },
};

/** The check of another edge, for edges that claim the same (the home page's shortcuts). */
function check(pair: string) {
  return EDGE_CHECKS[pair].check!;
}
