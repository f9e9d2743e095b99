/**
 * What the platform's wiring costs, on the local runtime (real Kafka, Kafka Connect, Mosquitto and
 * PostgreSQL from the composed objects; see platform/README.md): one platform with one Kafka node,
 * one MQTT bridge and a PostgreSQL sink, measured
 *
 * - time from `up` to every workload ready and every Job done, and to the first MQTT message as a
 *   PostgreSQL row;
 * - end-to-end latency MQTT publish -> PostgreSQL row (median, p99, over MESSAGES messages paced at
 *   200/s; the row's insert time is PostgreSQL's clock_timestamp(), the same machine's clock);
 * - sustained messages per second through the bridge (to Kafka) and the sink (to PostgreSQL);
 * - peak memory (RSS) of every process of the run;
 *
 * beside the same figures of the same Mosquitto and Kafka without the bridge (MQTT publish ->
 * subscriber, Kafka produce -> consumer), with the ratio. Needs root.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/local-runtime.ts [messages]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import {
  createKit,
  execInPod,
  LocalRuntime,
  readRunStatus,
  snippetsPython,
} from '../packages/realtime-platform-kit/src';
import {
  netnsPids,
  runNetnses,
} from '../packages/realtime-platform-kit/src/runtime/network';

const MESSAGES = Number(process.argv[2] ?? 1000);
const RATE_MESSAGES = MESSAGES * 5;

const application = {
  apiVersion: 'core.oam.dev/v1beta1',
  kind: 'Application',
  metadata: { name: 'bench', namespace: 'bench' },
  spec: {
    components: [
      {
        name: 'flow',
        type: 'realtime-platform',
        properties: {
          topics: [
            { name: 'flow.events', partitions: 3 },
            { name: 'flow.baseline', partitions: 3 },
          ],
          mqtt: {
            bridges: [
              {
                mqttTopic: 'sensors/+/events',
                kafkaTopic: 'flow.events',
                qos: 1,
              },
            ],
          },
          postgresql: { sink: { topics: ['flow.events'] } },
        },
      },
      {
        name: 'probe',
        type: 'realtime-webservice',
        properties: { image: 'ghcr.io/example/probe:1.0.0', realtime: 'flow' },
      },
    ],
  },
};

function rssKb(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+)/m.exec(
      fs.readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

async function main() {
  const kit = createKit();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-local-'));
  const file = path.join(tmp, 'bench.yaml');
  fs.writeFileSync(file, stringify(application));
  const dir = path.join(kit.paths.root, '.tools', 'run', 'bench-local');
  const runtime = new LocalRuntime(await kit.render(file));
  let peakKb = 0;
  let run = '';
  const sampler = setInterval(() => {
    if (!run) run = readRunStatus(dir)?.run ?? '';
    const kb = runNetnses(run)
      .flatMap(netnsPids)
      .reduce((sum, pid) => sum + rssKb(pid), 0);
    peakKb = Math.max(peakKb, kb);
  }, 500);
  const py = snippetsPython(path.join(kit.paths.root, '.tools'));
  const flow = path.join(__dirname, 'local_runtime_flow.py');
  const inProbe = async (args: string[]) => {
    const r = await execInPod(dir, 'probe-local-0', [py, flow, ...args], {
      namespace: 'bench',
    });
    if (r.code !== 0)
      throw new Error(`${args[0]} failed: ${r.stderr.slice(-800)}`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!);
  };
  try {
    const t0 = Date.now();
    await runtime.up({
      dir,
      tools: { tools: path.join(kit.paths.root, '.tools') },
      timeoutSeconds: 600,
    });
    const ready = (Date.now() - t0) / 1000;
    const platform = await inProbe([
      'platform',
      'sensors/dev-1/events',
      'flow.events',
      'flow_events',
      String(MESSAGES),
      String(RATE_MESSAGES),
    ]);
    const firstRow = (Date.now() - t0) / 1000;
    const baseline = await inProbe([
      'baseline',
      'bench/baseline',
      'flow.baseline',
      '-',
      String(MESSAGES),
      String(RATE_MESSAGES),
    ]);
    const row = (name: string, p: number, b: number, unit: string) =>
      `| ${name} | ${p} ${unit} | ${b} ${unit} | ${
        b ? (p / b).toFixed(2) : '-'
      } |`;
    process.stdout.write(
      [
        `local runtime bench (${MESSAGES} messages for latency, ${RATE_MESSAGES} for rates; 1 Kafka node, small profile)`,
        `up to every workload ready and every Job done: ${ready.toFixed(1)} s`,
        `up to the end of the platform figures (first row in PostgreSQL within them): ${firstRow.toFixed(
          1,
        )} s`,
        `peak memory of the run's processes (RSS): ${(peakKb / 1024).toFixed(
          0,
        )} MiB`,
        '',
        '| figure | platform (MQTT -> bridge -> Kafka -> sink -> PostgreSQL) | stand-alone (MQTT -> MQTT; Kafka -> Kafka) | ratio |',
        '| --- | --- | --- | --- |',
        row(
          'latency median',
          platform.latency.median_ms,
          baseline.mqtt_latency.median_ms,
          'ms',
        ),
        row(
          'latency p99',
          platform.latency.p99_ms,
          baseline.mqtt_latency.p99_ms,
          'ms',
        ),
        row(
          'latency median vs Kafka alone',
          platform.latency.median_ms,
          baseline.kafka_latency.median_ms,
          'ms',
        ),
        row(
          'messages/s to Kafka (bridge) vs MQTT alone',
          platform.bridge_msgs_per_s,
          baseline.mqtt_msgs_per_s,
          '/s',
        ),
        row(
          'messages/s to PostgreSQL (sink) vs Kafka alone',
          platform.sink_msgs_per_s,
          baseline.kafka_msgs_per_s,
          '/s',
        ),
        `all ${RATE_MESSAGES} rate messages arrived through the platform: ${platform.complete}; MQTT alone delivered ${baseline.mqtt_delivered} to its subscriber`,
        '',
      ].join('\n'),
    );
  } finally {
    clearInterval(sampler);
    await runtime.down();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch(e => {
  process.stderr.write(`${e instanceof Error ? e.message : e}\n`);
  process.exit(1);
});
