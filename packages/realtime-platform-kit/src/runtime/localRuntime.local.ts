/* eslint-disable jest/no-standalone-expect -- tests are declared through when(cond): it or it.skip */
/**
 * Both examples run on this machine from their composed objects (the local runtime: real Kafka,
 * Kafka Connect, Apicurio Registry, Mosquitto and PostgreSQL; Metabase a named stand-in; Lenses
 * HQ and Agent not run, see platform/README.md) and their data path works end to end.
 * Run by scripts/test.d/52-local-runtime.sh (root: the runtime makes network namespaces).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import {
  CONNECTION_KEYS,
  platformNames,
  SERVICES,
  serviceHost,
} from '@internal/realtime-platform-contract';
import { createKit, RenderResult } from '../kit';
import { secretEntries } from '../cluster/secretValues';
import { userSecrets } from '../cluster/testCluster';
import { execInPod } from './exec';
import {
  DEMO_SERVICE_IMAGE,
  DEMO_SERVICE_SOURCE,
  snippetsPython,
} from './images';
import { RUNTIME_DIR, sleep } from './files';
import { LocalRuntime, RunStatus } from './localRuntime';
import { IP, runNetnses } from './network';

/** Processes in a pod's network namespace that belong to the runtime, not to a container. */
const LAUNCHER = /launch\.sh|\/usr\/bin\/unshare/;
const NOT_A_CONTAINER =
  /egress-forwarder|launch\.sh|\/usr\/bin\/unshare|\/usr\/bin\/curl|\/dev\/tcp\//;
const cmdline = (pid: string) =>
  fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
const parentOf = (pid: string) =>
  fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1];

jest.setTimeout(900_000);

const kit = createKit();
const tools = path.join(kit.paths.root, '.tools');
const python = snippetsPython(tools);
const checks = path.join(RUNTIME_DIR, 'checks', 'platform_checks.py');
const runRoot = path.join(tools, 'run', 'local-e2e');

interface Webservice {
  name: string;
  namespace: string;
  produces: string[];
  consumes: string[];
}

function webservices(result: RenderResult): Webservice[] {
  return result.components
    .filter(
      c =>
        c.type === 'realtime-webservice' &&
        c.output.metadata.annotations?.[
          'realtime.platform.example.org/platform'
        ],
    )
    .map(c => {
      const a = (c.output.metadata.annotations ?? {}) as Record<string, string>;
      const list = (k: string) =>
        (a[`realtime.platform.example.org/${k}`] ?? '')
          .split(',')
          .filter(Boolean);
      return {
        name: c.name,
        namespace: result.application.namespace,
        produces: list('produces'),
        consumes: list('consumes'),
      };
    });
}

/**
 * Runs a subcommand of platform_checks.py in a pod of the run at `dir`, with the pod's env plus
 * `env`; returns its exit code and its JSON line (or the output's tail when it printed none).
 */
async function runCheck(
  dir: string,
  pod: string,
  namespace: string,
  args: string[],
  env?: Record<string, string>,
): Promise<Record<string, unknown> & { code: number }> {
  const r = await execInPod(dir, pod, [python, checks, ...args], {
    env,
    namespace,
  });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(line);
  } catch {
    parsed = { output: r.stdout.slice(-500), error: r.stderr.slice(-1500) };
  }
  return { code: r.code, ...parsed };
}

/** The captured output of every process and probe of a run: `pods/<pod>/*.log`. */
function podLogs(dir: string): { file: string; text: string }[] {
  const pods = path.join(dir, 'pods');
  return fs.readdirSync(pods).flatMap(pod =>
    fs
      .readdirSync(path.join(pods, pod))
      .filter(f => f.endsWith('.log'))
      .map(f => ({
        file: `${pod}/${f}`,
        text: fs.readFileSync(path.join(pods, pod, f), 'utf8'),
      })),
  );
}

/**
 * Which logs hold which secret values, plain or base64; each finding names the log and the
 * secret's key, never the value.
 */
function logsHolding(
  logs: { file: string; text: string }[],
  values: Map<string, string>,
): { file: string; key: string }[] {
  return logs.flatMap(({ file, text }) =>
    [...values]
      .filter(
        ([, v]) =>
          text.includes(v) || text.includes(Buffer.from(v).toString('base64')),
      )
      .map(([key]) => ({ file, key })),
  );
}

/** What an example's platform declares, read from its file: which checks apply to it. */
function declared(file: string) {
  const app = parse(
    fs.readFileSync(
      path.join(kit.paths.root, 'platform', 'examples', file),
      'utf8',
    ),
  );
  const p =
    app.spec.components.find(
      (c: { type: string }) => c.type === 'realtime-platform',
    ).properties ?? {};
  const demo = app.spec.components.some(
    (c: { properties?: { image?: string } }) =>
      String(c.properties?.image ?? '').startsWith(`${DEMO_SERVICE_IMAGE}:`),
  );
  return {
    demo,
    bridges: !!p.mqtt?.bridges?.length,
    sink: !!p.postgresql?.sink?.topics?.length,
    topics: !!p.topics?.length,
    lenses: !!p.lenses,
  };
}

describe.each(['MINIMAL-REALTIME-OAM.yaml', 'REALTIME-OAM-EXAMPLE.yaml'])(
  'example %s on the local runtime',
  file => {
    const has = declared(file);
    const when = (cond: boolean) => (cond ? it : it.skip);
    let result: RenderResult;
    let runtime: LocalRuntime;
    let dir: string;
    let firstService: Webservice;
    const secret = (ns: string, name: string, key: string) =>
      runtime.plan!.secrets.get(`${ns}/${name}`)!.get(key)!.toString();
    const check = (
      args: string[],
      env?: Record<string, string>,
      pod = `${firstService.name}-local-0`,
    ) => runCheck(dir, pod, firstService.namespace, args, env);

    const spec = () =>
      result.platforms[0].xr.spec as unknown as {
        mqtt: {
          users: { name: string; access: string; topics: string[] }[];
          bridges: { mqttTopic: string; kafkaTopic: string }[];
        };
        postgresql: { sink: { topics: string[] } };
        topics: { name: string; replicationFactor: number }[];
      };

    beforeAll(async () => {
      result = await kit.render(
        path.join(kit.paths.root, 'platform', 'examples', file),
      );
      firstService = webservices(result)[0];
      dir = path.join(runRoot, path.basename(file, '.yaml'));
      runtime = new LocalRuntime(result);
      const started = Date.now();
      await runtime.up({
        dir,
        userSecrets: userSecrets(result),
        tools: { tools },
        timeoutSeconds: 600,
      });
      process.stdout.write(
        `${file}: every pod ready in ${Math.round(
          (Date.now() - started) / 1000,
        )} s\n`,
      );
    });

    afterAll(async () => {
      const run =
        runtime?.plan &&
        JSON.parse(fs.readFileSync(path.join(dir, 'status.json'), 'utf8')).run;
      await runtime?.down();
      // Nothing of the run keeps running: no namespace of it is left, so no process either.
      if (run) expect(runNetnses(run)).toEqual([]);
    });

    it('answers every composed liveness probe on the running processes', async () => {
      const live = await runtime.liveness();
      expect(live.length).toBeGreaterThan(0);
      expect(live.filter(l => !l.ok)).toEqual([]);
    });

    when(has.topics)(
      "runs the documentation's Kafka, schema registry and MQTT examples (Python and JavaScript) in a webservice pod, against the servers the Composition configured",
      async () => {
        // Before the other checks write non-JSON records into the declared topics. The registry
        // examples get a subject of their own (the webservice checks own <topic>-value).
        const snippets = path.join(
          kit.paths.root,
          'docs',
          'access',
          'snippets',
        );
        const jsDir = path.join(
          kit.paths.root,
          'scripts',
          'docs',
          'snippets-js',
          'node_modules',
          `.run-local-${process.pid}`,
        );
        fs.mkdirSync(jsDir, { recursive: true });
        for (const f of fs.readdirSync(snippets).filter(n => n.endsWith('.js')))
          fs.copyFileSync(path.join(snippets, f), path.join(jsDir, f));
        const topic = spec().topics[0].name;
        const run = async (
          snippet: string,
          env: Record<string, string> = {},
        ) => {
          const argv = snippet.endsWith('.py')
            ? [python, path.join(snippets, snippet)]
            : [process.execPath, path.join(jsDir, snippet)];
          const r = await execInPod(dir, `${firstService.name}-local-0`, argv, {
            namespace: firstService.namespace,
            env: { TOPIC_MACHINES_TELEMETRY: topic, ...env },
          });
          return {
            file: snippet,
            code: r.code,
            out: `${r.stdout}${r.stderr}`.trim(),
          };
        };
        try {
          const produced = [
            await run('kafka_produce.py'),
            await run('kafka_produce.js'),
          ];
          const ids = produced.map(p => p.out.match(/^produced (\S+)/m)?.[1]);
          const consumed = [
            await run('kafka_consume.py'),
            await run('kafka_consume.js'),
          ];
          const registry = { TOPIC_MACHINES_TELEMETRY: 'docs.examples' };
          const rest = [
            await run('schema_registry.py', registry),
            await run('schema_registry.js', registry),
            await run('mqtt_pubsub.py'),
            await run('mqtt_websocket.py'),
            await run('mqtt_pubsub.js'),
            await run('mqtt_websocket.js'),
          ];
          for (const r of [...produced, ...consumed, ...rest])
            expect({ file: r.file, code: r.code }).toEqual({
              file: r.file,
              code: 0,
            });
          // Each consumer got both producers' events: the round trip across languages.
          for (const c of consumed)
            for (const id of ids)
              expect({ file: c.file, out: c.out }).toEqual({
                file: c.file,
                out: expect.stringContaining(`consumed ${id} `),
              });
          expect(rest.map(r => r.out.split('\n')[0])).toEqual([
            expect.stringMatching(
              /^registered docs.examples-value id=\d+ version=1$/,
            ),
            expect.stringMatching(
              /^registered docs.examples-value id=\d+ version=1$/,
            ),
            expect.stringMatching(
              /^received on factory\/press\/1\/telemetry: /,
            ),
            expect.stringMatching(/^received over websocket on /),
            expect.stringMatching(
              /^received on factory\/press\/1\/telemetry: /,
            ),
            expect.stringMatching(/^received over websocket on /),
          ]);
        } finally {
          fs.rmSync(jsDir, { recursive: true, force: true });
        }
      },
    );

    it('runs every container process as its composed user, without new privileges or capabilities, on a read-only root where composed', () => {
      const status = JSON.parse(
        fs.readFileSync(path.join(dir, 'status.json'), 'utf8'),
      ) as { pods: { name: string; netns: string; phase: string }[] };
      const seen: string[] = [];
      for (const pod of runtime.plan!.pods) {
        const netns = status.pods.find(p => p.name === pod.name);
        if (netns?.phase !== 'Running') continue;
        // A container's runAsUser, else its pod's (a webservice sets it on the pod).
        const users = pod.containers.map(
          c => c.securityContext?.runAsUser ?? pod.securityContext?.runAsUser,
        );
        const readOnly = pod.containers.every(
          c => c.securityContext?.readOnlyRootFilesystem,
        );
        const pids = execFileSync(IP, ['netns', 'pids', netns.netns], {
          encoding: 'utf8',
        })
          .split('\n')
          .filter(Boolean);
        for (const pid of pids) {
          let proc: string;
          let mounts: string;
          try {
            proc = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
            mounts = fs.readFileSync(`/proc/${pid}/mountinfo`, 'utf8');
            // Not a container's process: the runtime's egress forwarder; the kubelet's HTTP and
            // TCP probes; a launcher (or a command it runs) that has not yet dropped to the
            // container's user, as each exec probe starts (caught once mid-launch in CI).
            if (
              NOT_A_CONTAINER.test(cmdline(pid)) ||
              LAUNCHER.test(cmdline(parentOf(pid)))
            )
              continue;
          } catch {
            continue; // exited meanwhile
          }
          const field = (k: string) =>
            proc.match(new RegExp(`^${k}:\\s+(\\S+)`, 'm'))?.[1];
          const root = mounts
            .split('\n')
            .map(l => l.split(' '))
            .find(f => f[4] === '/');
          seen.push(pod.name);
          const uid = Number(field('Uid'));
          expect({
            pod: pod.name,
            user: uid > 0 && users.includes(uid) ? 'composed' : `uid ${uid}`,
            noNewPrivs: field('NoNewPrivs'),
            capBnd: field('CapBnd'),
            rootReadOnly: root?.[5].split(',').includes('ro'),
          }).toEqual({
            pod: pod.name,
            user: 'composed',
            noNewPrivs: '1',
            capBnd: '0000000000000000',
            rootReadOnly: readOnly,
          });
        }
      }
      expect(new Set(seen).size).toBeGreaterThan(3);
    });

    it("gives each webservice its connection secret's environment, which produces and consumes its declared topics and registers a schema", async () => {
      for (const ws of webservices(result)) {
        const r = await check(
          [
            'webservice',
            '--service',
            ws.name,
            '--produces',
            ws.produces.join(','),
            '--consumes',
            ws.consumes.join(','),
          ],
          undefined,
          `${ws.name}-local-0`,
        );
        expect({ service: ws.name, ...r }).toMatchObject({
          service: ws.name,
          code: 0,
          ok: true,
        });
      }
    });

    when(has.demo)(
      "runs the guide's demo service as the service whose image it is: ready only once an event it produced came back",
      async () => {
        const demo = result.components.find(c =>
          String(c.parameter.image).startsWith(`${DEMO_SERVICE_IMAGE}:`),
        )!;
        const status = JSON.parse(
          fs.readFileSync(path.join(dir, 'status.json'), 'utf8'),
        ) as RunStatus;
        const pod = status.pods.find(p => p.component === demo.name)!;
        expect({
          ready: pod.ready,
          runs: pod.images.map(i => i.runs),
        }).toEqual({
          ready: true,
          runs: [expect.stringContaining(DEMO_SERVICE_SOURCE)],
        });
        // Its own counts, from inside its pod. The webservice check above wrote its own
        // messages to the shared topic: the service counts them as `other` and keeps running.
        const counts = async () => {
          const r = await execInPod(
            dir,
            pod.name,
            ['/usr/bin/curl', '-fsS', 'http://127.0.0.1:8080/healthz'],
            { namespace: pod.namespace },
          );
          return {
            code: r.code,
            ...(r.code === 0 ? JSON.parse(r.stdout) : {}),
          };
        };
        let seen = await counts();
        for (let i = 0; i < 30 && seen.code === 0 && !seen.other; i++) {
          await sleep(1000);
          seen = await counts();
        }
        expect(seen).toMatchObject({
          code: 0,
          produced: expect.any(Number),
          consumed: expect.any(Number),
          other: expect.any(Number),
        });
        expect(seen.produced).toBeGreaterThan(0);
        expect(seen.consumed).toBeGreaterThan(0);
        expect(seen.other).toBeGreaterThan(0);
      },
    );

    const names = () =>
      platformNames(
        result.platforms[0].xr.metadata.name,
        result.application.namespace,
      );
    const pns = () => names().platformNamespace;
    /** A concrete MQTT topic matching a filter (`+` and `#` filled in). */
    const concrete = (filter: string) =>
      filter.replace(/\+/g, 'line-7').replace(/#$/, 'check');

    it('refuses a wrong password on MQTT, PostgreSQL and Kafka, a Kafka client without credentials, and app on an undeclared topic', async () => {
      const declaredTopic = spec().topics[0]?.name ?? 'check-refused';
      const r = await check([
        'refused',
        '--declared-topic',
        declaredTopic,
        '--undeclared-topic',
        `check-undeclared-${Date.now()}`,
      ]);
      expect(r).toMatchObject({
        code: 0,
        ok: true,
        kafka: {
          wrong_password: expect.stringMatching(
            /Authentication failed .*invalid credentials with SASL mechanism SCRAM-SHA-512/,
          ),
          // A plain-TCP client on the SASL listener: the broker closes the connection.
          no_credentials: expect.stringMatching(
            /Disconnected|brokers are down|timed out/,
          ),
          undeclared_topic: expect.stringMatching(/Topic authorization failed/),
        },
      });
    });

    when(has.bridges)(
      'bridges an MQTT publish with the composed device credentials into the declared Kafka topic, keyed by the MQTT topic',
      async () => {
        const bridges = spec().mqtt.bridges;
        for (const b of bridges) {
          // A device user whose write filter is the bridge's own, else the platform's `app` user.
          const device = spec().mqtt.users.find(
            u => u.access !== 'read' && u.topics.includes(b.mqttTopic),
          );
          const password = device
            ? secret(
                result.application.namespace,
                names().mqttUsersSecret,
                device.name,
              )
            : secret(
                result.application.namespace,
                names().connectionSecret,
                'MQTT_PASSWORD',
              );
          const topic = concrete(b.mqttTopic);
          const r = await check(
            [
              'bridge',
              '--user',
              device?.name ?? 'app',
              '--mqtt-topic',
              topic,
              '--kafka-topic',
              b.kafkaTopic,
            ],
            { CHECK_PASSWORD: password },
          );
          expect({ bridge: b.mqttTopic, ...r }).toMatchObject({
            code: 0,
            ok: true,
            key: topic,
          });
        }
      },
    );

    when(has.bridges && has.sink)(
      'writes a bridged MQTT message through the composed sink into the PostgreSQL table of its topic',
      async () => {
        const sunk = spec().mqtt.bridges.filter(b =>
          spec().postgresql.sink.topics.includes(b.kafkaTopic),
        );
        for (const b of sunk) {
          const topic = concrete(b.mqttTopic);
          const bridged = await check(
            [
              'bridge',
              '--user',
              'app',
              '--mqtt-topic',
              topic,
              '--kafka-topic',
              b.kafkaTopic,
            ],
            {
              CHECK_PASSWORD: secret(
                result.application.namespace,
                names().connectionSecret,
                'MQTT_PASSWORD',
              ),
            },
          );
          expect(bridged).toMatchObject({ ok: true });
          // Debezium's JDBC sink names the table after the topic, dots replaced by underscores.
          const table = b.kafkaTopic.replace(/\./g, '_');
          const row = await check([
            'pg-row',
            '--table',
            table,
            '--payload',
            String(bridged.payload),
          ]);
          expect(row).toMatchObject({
            code: 0,
            ok: true,
            kafka_topic: b.kafkaTopic,
          });
        }
      },
    );

    when(has.bridges || has.sink)(
      'runs every composed connector and task, and reports a failing task with its error',
      async () => {
        const url = `http://${serviceHost('connect', pns())}:8083`;
        // The REST login: its user from the composed connectors Job, its password from the copy.
        const job = runtime.plan!.pods.find(p =>
          p.name.startsWith('connectors-'),
        )!;
        const user = /user = \\"([^:"]+):/.exec(
          JSON.stringify(job.containers[0].command),
        )![1];
        const login = {
          CHECK_PASSWORD: secret(
            result.application.namespace,
            names().credentialsSecret,
            'CONNECT_REST_PASSWORD',
          ),
        };
        const connectors = ['connectors', '--url', url, '--user', user];
        // curl reads the login from stdin (-K -), as the connectors Job does.
        const curl = (...args: string[]) =>
          execInPod(
            dir,
            `${firstService.name}-local-0`,
            [
              'sh',
              '-c',
              `printf 'user = "${user}:%s"\\n' "$CHECK_PASSWORD" | curl -K - -fsS "$@"`,
              'curl',
              ...args,
            ],
            { namespace: firstService.namespace, env: login },
          );
        // Without credentials the REST API answers 401: the connectors are reachable only with them.
        expect(await check(connectors, login)).toMatchObject({
          code: 0,
          ok: true,
          anonymous: 401,
        });
        // Negative control: a sink whose password is wrong fails its task; the check says so.
        const broken = 'check-broken-sink';
        const put = await curl(
          '-X',
          'PUT',
          '-H',
          'Content-Type: application/json',
          `${url}/connectors/${broken}/config`,
          '--data',
          JSON.stringify({
            'connector.class': 'io.debezium.connector.jdbc.JdbcSinkConnector',
            topics:
              spec().postgresql.sink.topics[0] ??
              spec().mqtt.bridges[0].kafkaTopic,
            'connection.url': `jdbc:postgresql://${serviceHost(
              SERVICES.postgresql.name,
              pns(),
            )}:${SERVICES.postgresql.port}/postgres`,
            'connection.username': 'nobody',
            'connection.password': 'wrong',
          }),
        );
        expect(put.code).toBe(0);
        let failed: Record<string, unknown> = {};
        for (let i = 0; i < 30; i++) {
          failed = await check(connectors, login);
          const c = (
            failed.connectors as Record<string, { tasks: string[] }>
          )?.[broken];
          if (c?.tasks.includes('FAILED')) break;
          await sleep(2000);
        }
        await curl('-X', 'DELETE', `${url}/connectors/${broken}`);
        expect(failed).toMatchObject({
          ok: false,
          connectors: { [broken]: { tasks: ['FAILED'] } },
        });
        expect(
          JSON.stringify(
            (failed.connectors as Record<string, unknown>)[broken],
          ),
        ).toMatch(/password authentication failed|Exception/);
      },
    );

    when(has.topics)(
      'loses no acknowledged message when a broker restarts, and the restarted broker sets the SCRAM passwords again',
      async () => {
        const topic = [...spec().topics].sort(
          (a, b) => b.replicationFactor - a.replicationFactor,
        )[0].name;
        const tagged = [
          '--topic',
          topic,
          '--tag',
          `restart-${Date.now()}`,
          '--count',
          '500',
        ];
        expect(await check(['produce-acked', ...tagged])).toMatchObject({
          ok: true,
          acked: 500,
        });
        await runtime.restartPod('kafka-0', pns());
        expect(await check(['count-tagged', ...tagged])).toMatchObject({
          ok: true,
          found: 500,
        });
        // Each start sets admin's and app's SCRAM passwords from the Secret (rotation, older storage).
        const log = path.join(dir, 'pods', `${pns()}_kafka-0`, 'kafka.log');
        const set = () => {
          const lines = fs.readFileSync(log, 'utf8').split('\n');
          return ['admin:KAFKA_ADMIN_PASSWORD', 'app:KAFKA_APP_PASSWORD'].map(
            u => {
              const [user, key] = u.split(':');
              return lines.filter(
                l => l === `${user} SCRAM password set from ${key}`,
              ).length;
            },
          );
        };
        for (let i = 0; i < 60 && Math.min(...set()) < 2; i++)
          await sleep(1000);
        expect(set()).toEqual([2, 2]);
      },
    );

    when(has.topics)(
      "removes app's ACLs on a topic the platform does not declare when the topics Job runs",
      async () => {
        const job = runtime.plan!.pods.find(p => p.name.startsWith('topics-'))!;
        const script = job.containers[0].command![2];
        const bootstrap = /--bootstrap-server (\S+)/.exec(script)![1];
        // As the Job would, in kafka-0 (same image, same admin login; /tmp/admin.properties is there).
        const inKafka = (argv: string[]) =>
          execInPod(dir, 'kafka-0', argv, { namespace: pns() });
        const acls = (...args: string[]) =>
          inKafka([
            '/opt/kafka/bin/kafka-acls.sh',
            '--bootstrap-server',
            bootstrap,
            '--command-config',
            '/tmp/admin.properties',
            ...args,
          ]);
        // The applications' principal, as the connection secret names it.
        const app = `User:${secret(
          result.application.namespace,
          names().connectionSecret,
          'KAFKA_USERNAME',
        )}`;
        const stale = `check-stale-${Date.now()}`;
        const added = await acls(
          '--add',
          '--allow-principal',
          app,
          '--operation',
          'Read',
          '--topic',
          stale,
        );
        expect(added.code).toBe(0);
        const run = await inKafka(['sh', '-c', script]);
        const listed = await acls('--list', '--principal', app);
        expect({
          code: run.code,
          removed: run.stdout.includes(
            `removed the ACLs of ${app} on topic ${stale}`,
          ),
          topics: [
            ...listed.stdout.matchAll(/resourceType=TOPIC, name=([^,]+),/g),
          ]
            .map(m => m[1])
            .sort(),
        }).toEqual({
          code: 0,
          removed: true,
          topics: spec()
            .topics.map(t => t.name)
            .sort(),
        });
      },
    );

    when(has.lenses)(
      'connects the Lenses Agent (stand-in) to Kafka, the registry, Connect and Lenses HQ (stand-in)',
      async () => {
        const r = await execInPod(
          dir,
          `${firstService.name}-local-0`,
          [
            'curl',
            '-fsS',
            `http://${serviceHost(SERVICES.lensesHq.name, pns())}:${
              SERVICES.lensesHq.port
            }/standin/state`,
          ],
          { namespace: firstService.namespace },
        );
        const state = JSON.parse(r.stdout);
        expect(state).toMatchObject({
          database: 'connected',
          agents: [
            {
              kafkaStatus: 'ok',
              schemaRegistryStatus: 'ok',
              connect: [{ status: 'ok' }],
            },
          ],
        });
      },
    );

    it('holds the analytics database in Metabase (stand-in) after the setup Job', async () => {
      const platform = result.platforms[0];
      const platformSecrets = platformNames(
        platform.xr.metadata.name,
        result.application.namespace,
      );
      const platformSpec = platform.xr.spec as unknown as {
        metabase: { adminEmail: string };
        postgresql: { database: string };
      };
      const url = secret(
        result.application.namespace,
        platformSecrets.connectionSecret,
        CONNECTION_KEYS.find(k => k.key === 'METABASE_URL')!.key,
      );
      const r = await check(
        [
          'metabase',
          '--url',
          url,
          '--email',
          platformSpec.metabase.adminEmail,
          '--database',
          platformSpec.postgresql.database,
        ],
        {
          CHECK_PASSWORD: secret(
            result.application.namespace,
            platformSecrets.credentialsSecret,
            'METABASE_ADMIN_PASSWORD',
          ),
        },
      );
      expect(r).toMatchObject({
        code: 0,
        ok: true,
        databases: [platformSpec.postgresql.database],
      });
    });

    // Last of the block, so that every check above has written to the logs it reads.
    it('writes no secret value into the log of any process or probe of its pods', () => {
      // KAFKA_CLUSTER_ID is no credential (docs/access/rotation.md): every Kafka client logs
      // the cluster id it joined.
      const values = new Map(
        secretEntries(result)
          .filter(
            e => e.value.length >= 8 && !e.key.endsWith('.KAFKA_CLUSTER_ID'),
          )
          .map((e): [string, string] => [e.key, e.value]),
      );
      const logs = podLogs(dir);
      expect(values.size).toBeGreaterThan(3);
      expect(logs.length).toBeGreaterThan(5);
      expect(logsHolding(logs, values)).toEqual([]);
      // Negative control: a line with one of them, plain or base64, is found under its key.
      const [key, value] = [...values][0];
      const planted = [
        { file: 'x/plain.log', text: `login ${value} ok` },
        { file: 'x/b64.log', text: Buffer.from(value).toString('base64') },
      ];
      expect(logsHolding(planted, values)).toEqual([
        { file: 'x/plain.log', key },
        { file: 'x/b64.log', key },
      ]);
    });
  },
);

describe('MQTT over TLS (mqtt.tls) on the local runtime: the minimal example with a certificate Secret', () => {
  let result: RenderResult;
  let runtime: LocalRuntime;
  const dir = path.join(runRoot, 'MINIMAL-MQTT-TLS');
  const secretName = 'mqtt-server-tls';

  beforeAll(async () => {
    const file = path.join(
      kit.paths.root,
      'platform',
      'examples',
      'MINIMAL-REALTIME-OAM.yaml',
    );
    const app = parse(fs.readFileSync(file, 'utf8'));
    const platform = app.spec.components.find(
      (c: { type: string }) => c.type === 'realtime-platform',
    );
    platform.properties = {
      ...platform.properties,
      mqtt: { tls: { secretName } },
    };
    const [fv] = await kit.validateTexts([
      { file: 'MINIMAL-MQTT-TLS.yaml', text: stringify(app) },
    ]);
    expect(fv.issues).toEqual([]);
    result = fv.result!;
    runtime = new LocalRuntime(result);
    await runtime.up({
      dir,
      userSecrets: userSecrets(result),
      tools: { tools },
      timeoutSeconds: 600,
    });
  });

  afterAll(async () => {
    await runtime?.down();
  });

  it("serves MQTT on 8883 and wss on 9001 with the Secret's certificate, and refuses a plain client and one that does not trust the CA", async () => {
    const { namespace } = result.application;
    // The CA of the Secret the user created (testServerCertificate), as a client would mount it.
    const ca = path.join(dir, 'ca.crt');
    fs.writeFileSync(
      ca,
      runtime.plan!.secrets.get(`${namespace}/${secretName}`)!.get('ca.crt')!,
    );
    const service = webservices(result)[0];
    expect(
      await runCheck(dir, `${service.name}-local-0`, namespace, [
        'mqtt-tls',
        '--ca',
        ca,
      ]),
    ).toEqual({
      code: 0,
      ok: true,
      mqtt_tls: 'true',
      port: SERVICES.mqttTls.port,
      ws_scheme: 'wss',
      tls: 'round trip',
      wss: 'round trip',
      plain_on_tls_port: expect.stringMatching(/^refused/),
      untrusted: expect.stringMatching(/^refused: .*CERTIFICATE_VERIFY_FAILED/),
    });
  });
});
