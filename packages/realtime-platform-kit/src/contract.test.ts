/**
 * The contract module (`@internal/realtime-platform-contract`) against what the real `cue` and
 * the Composition render for generated applications of every shape and both examples: a rule
 * changed in the CUE or the Go template and not in the module fails here, naming the rule.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  CONNECTION_KEYS,
  connectionSecretKeys,
  ENV_VAR_NAME,
  PARTS,
  PLATFORM_COMPONENT_TYPE,
  PLATFORM_INSTANCE_LABEL,
  PLATFORM_NAME_MAX_LENGTH,
  platformNameIssues,
  platformNames,
  SERVICES,
  serviceHost,
  topicKey,
} from '@internal/realtime-platform-contract';
import { stringify } from 'yaml';
import { GENERATED_SHAPES } from './cluster/shapes';
import { FileValidation, parseEndpoint, RenderResult } from './kit';
import { kit } from './__fixtures__/testing';

jest.setTimeout(120_000);

const examples = ['MINIMAL-REALTIME-OAM.yaml', 'REALTIME-OAM-EXAMPLE.yaml'];

/** The port when the Service exposes it, else every port it has (for the message). */
function portsOf(svc: any): number[] {
  return svc.spec.ports.map((p: { port: number }) => p.port);
}

function servicePort(svc: any, port: number): number | number[] {
  const ports = portsOf(svc);
  return ports.includes(port) ? port : ports;
}

/** Every rule the module states, checked on one rendered platform; returns the broken ones. */
function brokenRules(result: RenderResult, index: number): string[] {
  const broken: string[] = [];
  const rule = (name: string, expected: unknown, rendered: unknown) => {
    if (JSON.stringify(expected) !== JSON.stringify(rendered)) {
      broken.push(
        `rule "${name}": the module says ${JSON.stringify(
          expected,
        )}, the render has ${JSON.stringify(rendered)}`,
      );
    }
  };
  const platform = result.platforms[index];
  const appNs = result.application.namespace;
  const names = platformNames(platform.component, appNs);
  const composed = platform.composed.map(c => ({
    name: c.name,
    object: c.resource?.spec?.forProvider?.manifest ?? c.resource,
  }));
  const ofKind = (kind: string) =>
    composed.map(c => c.object).filter(o => o?.kind === kind);
  const secret = (id: string) => composed.find(c => c.name === id)?.object;

  rule(
    'platform namespace',
    names.platformNamespace,
    ofKind('Namespace').map(n => n.metadata.name)[0],
  );
  for (const [id, name] of [
    ['connection', names.connectionSecret],
    ['credentials', names.credentialsSecret],
    ['mqtt-users', names.mqttUsersSecret],
  ]) {
    rule(
      `secret ${id}: name and namespace`,
      [name, appNs],
      [secret(id)?.metadata?.name, secret(id)?.metadata?.namespace],
    );
  }

  const spec = platform.xr.spec;
  const shape = {
    topics: (spec.topics ?? []).map((t: { name: string }) => t.name),
    lenses: spec.lenses !== undefined && spec.lenses !== null,
    mqttTls: !!spec.mqtt?.tls,
  };
  const services = ofKind('Service').filter(
    s => s.metadata.namespace === names.platformNamespace,
  );
  for (const part of PARTS) {
    const svc = services.find(s => s.metadata.name === part.service.name);
    rule(
      `part ${part.type}: Service ${part.service.name} and its port`,
      part.present(shape) ? part.service.port : 'absent',
      svc ? servicePort(svc, part.service.port) : 'absent',
    );
  }
  const mqtt = services.find(s => s.metadata.name === SERVICES.mqtt.name);
  rule(
    'MQTT WebSocket port',
    true,
    !!mqtt && portsOf(mqtt).includes(SERVICES.mqttWebSocket.port),
  );

  const data: Record<string, string> = Object.fromEntries(
    Object.entries(
      (secret('connection')?.data ?? {}) as Record<string, string>,
    ).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
  );
  rule(
    'connection-secret keys',
    [...connectionSecretKeys(shape)].sort(),
    Object.keys(data).sort(),
  );
  rule(
    'every key is an environment variable name',
    [],
    Object.keys(data).filter(k => !ENV_VAR_NAME.test(k)),
  );
  for (const topic of shape.topics) {
    rule(`topic key of ${topic}`, topic, data[topicKey(topic)]);
  }
  for (const { key, service } of CONNECTION_KEYS) {
    if (!service || !(key in data) || key.endsWith('_PORT')) continue;
    const endpoint = parseEndpoint(data[key], service.port);
    rule(
      `${key} points at its Service`,
      serviceHost(service.name, names.platformNamespace),
      endpoint.host,
    );
    if (!key.endsWith('_HOST'))
      rule(`${key} port`, service.port, endpoint.port);
  }
  const generated: Record<string, string> = Object.fromEntries(
    Object.entries(
      (secret('credentials')?.data ?? {}) as Record<string, string>,
    ).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
  );
  for (const { key, credential, generatedFrom } of CONNECTION_KEYS) {
    if (!credential || !(key in data)) continue;
    rule(
      `${key} is or embeds ${generatedFrom} of the credentials secret`,
      true,
      !!generatedFrom &&
        !!generated[generatedFrom] &&
        data[key].includes(generated[generatedFrom]),
    );
  }
  for (const key of ['MQTT_PORT', 'POSTGRES_PORT']) {
    const spec0 = CONNECTION_KEYS.find(k => k.key === key)!;
    const endpoint = (shape.mqttTls && spec0.tlsService) || spec0.service!;
    rule(`${key} value`, String(endpoint.port), data[key]);
  }
  rule('MQTT_TLS value', String(shape.mqttTls), data.MQTT_TLS);
  rule(
    'MQTT_WS_URL scheme',
    shape.mqttTls ? 'wss:' : 'ws:',
    data.MQTT_WS_URL?.split('//')[0],
  );
  rule(
    'MQTT TLS port on the Service',
    shape.mqttTls,
    !!mqtt && portsOf(mqtt).includes(SERVICES.mqttTls.port),
  );
  const instance = (o: any) => o?.metadata?.labels?.[PLATFORM_INSTANCE_LABEL];
  rule(
    'the composite carries the instance label',
    names.platformNamespace,
    instance(platform.xr),
  );
  const workloads = ['Deployment', 'StatefulSet', 'Job'].flatMap(ofKind);
  rule(
    'every workload carries the instance label',
    workloads.map(() => names.platformNamespace),
    workloads.map(instance),
  );
  const replicated = ['Deployment', 'StatefulSet'].flatMap(ofKind);
  rule(
    'every Deployment and StatefulSet pod carries the instance label',
    replicated.map(() => names.platformNamespace),
    replicated.map((w: any) => instance(w.spec.template)),
  );
  return broken;
}

async function renderAll(): Promise<FileValidation[]> {
  const texts = [
    ...GENERATED_SHAPES.map(([label, obj]) => ({
      file: `${label}.yaml`,
      text: stringify(obj),
    })),
    ...examples.map(f => {
      const file = path.join(kit.paths.root, 'platform/examples', f);
      return { file, text: fs.readFileSync(file, 'utf8') };
    }),
  ];
  return kit.validateTexts(texts);
}

describe('the contract module matches the rendered platform', () => {
  let results: FileValidation[];
  beforeAll(async () => {
    results = await renderAll();
  });

  it('for every generated shape and both examples, every rule holds', () => {
    const broken = results.flatMap(fv =>
      fv.valid
        ? fv.result!.platforms.flatMap((_, i) =>
            brokenRules(fv.result!, i).map(
              b => `${path.basename(fv.file)}: ${b}`,
            ),
          )
        : [`${fv.file}: ${fv.issues.map(i => i.message).join('; ')}`],
    );
    const platforms = results.flatMap(fv => fv.result?.platforms ?? []);
    expect(broken).toEqual([]);
    expect(platforms).toHaveLength(GENERATED_SHAPES.length + examples.length);
  });

  it('negative control: a Service renamed in the render breaks the part rule, by name', () => {
    const fv = results.find(r => r.valid)!;
    const copy: RenderResult = JSON.parse(JSON.stringify(fv.result));
    const svc = copy.platforms[0].composed
      .map(c => c.resource?.spec?.forProvider?.manifest)
      .find(m => m?.kind === 'Service' && m.metadata.name === 'kafka');
    svc!.metadata.name = 'kafka-broker';
    expect(brokenRules(copy, 0).join('\n')).toContain(
      'rule "part kafka: Service kafka and its port"',
    );
  });

  it("realtime-platform's name checks say what platformNameIssues says", async () => {
    const long = 'p'.repeat(PLATFORM_NAME_MAX_LENGTH + 1);
    const cases: [string, string][] = [
      [long, 'apps'],
      ['a--b', 'apps'],
      ['events', 'n'.repeat(60)],
    ];
    const fvs = await kit.validateTexts(
      cases.map(([name, namespace], i) => ({
        file: `name-${i}.yaml`,
        text: stringify({
          apiVersion: 'core.oam.dev/v1beta1',
          kind: 'Application',
          metadata: { name: 'x', namespace },
          spec: { components: [{ name, type: PLATFORM_COMPONENT_TYPE }] },
        }),
      })),
    );
    cases.forEach(([name, namespace], i) => {
      const expected = platformNameIssues(name, namespace).map(
        ({ message, fix }) => ({ message, fix }),
      );
      expect(expected).toHaveLength(1);
      expect(
        fvs[i].issues.map(({ message, fix }) => ({ message, fix })),
      ).toEqual(expected);
    });
  });
});
