/**
 * The kubectl/vela commands of the deployment pages, walked against the example each page
 * deploys: namespaces, Services and ports, Deployments, pods, secrets and keys, env vars, topics,
 * MQTT users and bridges must be what the example renders.
 */
import { RenderResult } from '@internal/realtime-platform-kit';
import { docs, read } from '../__fixtures__/guide';
import { Manifest, platformContext } from './architecture';
import { mqttMatch, pageCommands } from './pageCommands';

jest.setTimeout(180_000);

/** The example application each deployment page walks through. */
const PAGE_EXAMPLE: Record<string, string> = {
  'docs/user-guide/deploy-minimal.md':
    'platform/examples/MINIMAL-REALTIME-OAM.yaml',
  'docs/user-guide/deploy-comprehensive.md':
    'platform/examples/REALTIME-OAM-EXAMPLE.yaml',
};

interface Located {
  kind: string;
  name: string;
  ns?: string;
  o: Manifest;
}

/** Every object the example creates, with the namespace it lands in. */
function objectsOf(r: RenderResult): Located[] {
  const appNs = r.application.namespace;
  const out: Located[] = r.objects.map(o => ({
    kind: o.kind,
    name: o.metadata.name,
    ns: appNs,
    o,
  }));
  for (const c of r.platforms[0].composed) {
    out.push({
      kind: c.resource.kind,
      name: c.resource.metadata.name,
      ns: c.resource.metadata.namespace ?? appNs,
      o: c.resource,
    });
    const m: Manifest | undefined = c.resource.spec?.forProvider?.manifest;
    if (m)
      out.push({
        kind: m.kind,
        name: m.metadata.name,
        ns: m.metadata.namespace,
        o: m,
      });
  }
  return out;
}

/** Why each command of `page` (its `text`) does not fit `example` ([] when all do). */
async function walkPage(
  page: string,
  text: string,
  example: string,
): Promise<string[]> {
  const [r] = await docs.renderFiles([example]);
  const p = r.platforms[0];
  const ctx = platformContext(r, p);
  const spec = ctx.spec;
  const appNs = r.application.namespace;
  const objects = objectsOf(r);
  const find = (kind: string, name: string, ns?: string) =>
    objects.find(x => x.kind === kind && x.name === name && x.ns === ns);
  const userSecrets = new Set<string>();
  const connKeys = Object.keys(ctx.get('connection')?.data ?? {});
  const commands = pageCommands(text);
  const check = (cmd: string) => {
    const ns = /-n (\S+)/.exec(cmd)?.[1];
    if (ns && ![appNs, ctx.pns, 'vela-system'].includes(ns))
      return `namespace ${ns} is neither ${appNs} nor ${ctx.pns}`;
    const file = /(?:vela up|kubectl (?:apply|delete)) -f (\S+)/.exec(cmd)?.[1];
    if (file && file !== example)
      return `applies ${file}, not the page's example ${example}`;
    const app = /^vela (?:status|delete) (\S+)/.exec(cmd)?.[1];
    if (app && (app !== r.application.name || ns !== appNs))
      return `the application is ${r.application.name} in ${appNs}`;
    if (
      /kubectl create namespace (\S+)/.test(cmd) &&
      !cmd.endsWith(` ${appNs}`)
    )
      return `the application namespace is ${appNs}`;
    const created =
      /kubectl create secret generic (\S+) -n \S+ --from-literal=([A-Z_]+)=/.exec(
        cmd,
      );
    if (created) {
      const refs = [spec.lenses?.license, spec.lenses?.agentKey].filter(
        Boolean,
      );
      if (
        !refs.some(x => x!.secretName === created[1] && x!.key === created[2])
      )
        return `no lenses secret reference of ${example} is ${created[1]}/${created[2]}`;
      userSecrets.add(created[1]);
      return undefined;
    }
    for (const m of cmd.matchAll(/\b(svc|deploy)\/([a-z0-9-]+)/g)) {
      const kind = m[1] === 'svc' ? 'Service' : 'Deployment';
      const obj = find(kind, m[2], ns);
      if (!obj) return `${kind} ${m[2]} is not created in ${ns}`;
      const pf = /port-forward .* (\d+):(\d+)/.exec(cmd);
      if (
        pf &&
        kind === 'Service' &&
        !obj.o.spec?.ports?.some(x => x.port === Number(pf[2]))
      )
        return `Service ${m[2]} has no port ${pf[2]}`;
    }
    const pod = /kubectl exec -n \S+ ([a-z0-9-]+)-(\d+) /.exec(cmd);
    if (pod) {
      const sts = find('StatefulSet', pod[1], ns);
      if (!sts || (sts.o.spec?.replicas ?? 1) <= Number(pod[2]))
        return `pod ${pod[1]}-${pod[2]} does not exist in ${ns}`;
    }
    const secret = /kubectl get secret (\S+) -n (\S+)/.exec(cmd);
    if (secret) {
      const s = find('Secret', secret[1], secret[2]);
      if (!s) return `Secret ${secret[1]} is not created in ${secret[2]}`;
      const key = /\{\.data\.([^}]+)\}/.exec(cmd)?.[1];
      if (key && !(key in (s.o.data ?? {})))
        return `Secret ${secret[1]} has no key ${key}`;
    }
    const deleted = /kubectl delete secret (.+) -n \S+/.exec(cmd);
    for (const s of deleted ? deleted[1].split(/\s+/) : [])
      if (!userSecrets.has(s)) return `${s} is not a secret this page creates`;
    const env = /deploy\/(\S+) -- printenv (.+)$/.exec(cmd);
    if (env) {
      const w = r.components.find(c => c.name === env[1]);
      if (w?.parameter.realtime !== p.component)
        return `${env[1]} is not wired to ${p.component}`;
      for (const v of env[2].split(/\s+/))
        if (!connKeys.includes(v))
          return `${v} is not a key of ${ctx.names.connectionSecret}`;
    }
    const topic = /--topic (\S+)/.exec(cmd)?.[1];
    if (topic && !spec.topics.some(t => t.name === topic))
      return `${topic} is not a declared topic`;
    const db = /psql .*-d (\S+)/.exec(cmd)?.[1];
    if (db && db !== spec.postgresql.database)
      return `the analytics database is ${spec.postgresql.database}`;
    const pub = /mosquitto_pub .*-u (\S+) .*-t (\S+)/.exec(cmd);
    if (pub) {
      const user = spec.mqtt.users.find(u => u.name === pub[1]);
      if (!user || user.access === 'read')
        return `${pub[1]} is not an MQTT user that may publish`;
      if (!user.topics.some(f => mqttMatch(f, pub[2])))
        return `${pub[1]} may not publish to ${pub[2]}`;
      const bridge = spec.mqtt.bridges.find(b =>
        mqttMatch(b.mqttTopic, pub[2]),
      );
      const consumed = /--topic (\S+)/.exec(commands.join('\n'))?.[1];
      if (!bridge || bridge.kafkaTopic !== consumed)
        return `no bridge copies ${pub[2]} to the topic the page then consumes (${consumed})`;
    }
    return undefined;
  };
  return commands.flatMap(cmd => {
    const why = check(cmd);
    return why ? [`${page}: \`${cmd}\`: ${why}`] : [];
  });
}

describe('deployment pages', () => {
  it('the cluster commands of the deployment pages name what their example creates', async () => {
    const failures: string[] = [];
    for (const [page, example] of Object.entries(PAGE_EXAMPLE))
      failures.push(...(await walkPage(page, read(page), example)));
    expect(failures).toEqual([]);
  });

  it('negative control: the walk refuses commands naming what the example does not create', async () => {
    const page = 'docs/user-guide/deploy-minimal.md';
    expect(pageCommands(read(page)).length).toBeGreaterThan(3);
    const wrong = [
      'kubectl port-forward -n demo--events-realtime svc/metabase 4000:4000',
      "kubectl get secret events-conn -n demo -o jsonpath='{.data.NO_SUCH_KEY}'",
      'kubectl exec -n demo--events-realtime kafka-1 -- true',
      'kubectl exec -n demo deploy/api -- printenv KAFKA_BOOTSTRAP_SERVERS NOT_A_KEY',
      'kubectl get pods -n elsewhere',
    ];
    const text = `\`\`\`sh\n${wrong.join('\n')}\n\`\`\`\n`;
    const failures = await walkPage('control.md', text, PAGE_EXAMPLE[page]);
    expect(failures).toEqual([
      expect.stringContaining('Service metabase has no port 4000'),
      expect.stringContaining('Secret events-conn has no key NO_SUCH_KEY'),
      expect.stringContaining('pod kafka-1 does not exist'),
      expect.stringContaining('NOT_A_KEY is not a key of events-conn'),
      expect.stringContaining('namespace elsewhere is neither demo'),
    ]);
  });

  it('matches MQTT topic filters as Mosquitto does', () => {
    expect(mqttMatch('factory/+/telemetry', 'factory/press/telemetry')).toBe(
      true,
    );
    expect(mqttMatch('factory/#', 'factory/press/1/telemetry')).toBe(true);
    expect(mqttMatch('factory/+', 'factory/press/1')).toBe(false);
    expect(mqttMatch('a/b', 'a/b/c')).toBe(false);
  });
});
