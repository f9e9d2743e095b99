import fs from 'node:fs';
import path from 'node:path';
import { RuntimeError } from './errors';

/** A user of an image's own `/etc/passwd`, reproduced in the container's view. */
export interface ImageUser {
  name: string;
  uid: number;
  gid: number;
}

/** Where the local runtime finds the servers it runs in place of each image's files. */
export interface RuntimeTools {
  /** The repository's `.tools` (Kafka jars, Apicurio, the snippets' Python). */
  tools: string;
  /** This run's own directory (generated image files). */
  runDir: string;
  /** The kit's runtime sources (stand-ins, entrypoint reproductions). */
  runtimeDir: string;
}

/**
 * How the local runtime reproduces one container image: which local programs stand where the
 * image has its files, the image's ENTRYPOINT/CMD (used when the pod spec leaves `command`/`args`
 * out), its PATH and its users. `runs` says what actually runs; every result shown from the run
 * says it too.
 */
export interface ImageProfile {
  repository: string;
  runs: string;
  /** A server that implements the product's contract, not the product. */
  standIn?: boolean;
  /** ENTRYPOINT; a function where it names a program of the machine's tools. */
  entrypoint?: string[] | ((t: RuntimeTools) => string[]);
  cmd?: string[];
  path: string;
  /** The image's USER (`uid` or name); root when unset. */
  user?: number;
  users?: ImageUser[];
  workdir?: string;
  /** Host directories or files placed at image paths in every container of the image. */
  layers(t: RuntimeTools): { src: string; dst: string }[];
}

const SYSTEM_PATH =
  '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The Kafka distribution's scripts that the Composition and the docs call, by main class. */
const KAFKA_SCRIPTS: Record<string, string> = {
  'kafka-server-start.sh': 'kafka.Kafka',
  'kafka-storage.sh': 'kafka.tools.StorageTool',
  'kafka-topics.sh': 'org.apache.kafka.tools.TopicCommand',
  'kafka-configs.sh': 'kafka.admin.ConfigCommand',
  'kafka-acls.sh': 'org.apache.kafka.tools.AclCommand',
  'kafka-consumer-groups.sh':
    'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand',
  'kafka-metadata-quorum.sh': 'org.apache.kafka.tools.MetadataQuorumCommand',
  'kafka-broker-api-versions.sh':
    'org.apache.kafka.tools.BrokerApiVersionsCommand',
  'kafka-console-producer.sh': 'org.apache.kafka.tools.ConsoleProducer',
  'kafka-console-consumer.sh':
    'org.apache.kafka.tools.consumer.ConsoleConsumer',
  'connect-distributed.sh': 'org.apache.kafka.connect.cli.ConnectDistributed',
};

/**
 * `/opt/kafka` of the apache/kafka image: `libs/` is the same release's jars from Maven Central;
 * each `bin/*.sh` runs the main class the distribution's script runs, honouring the variables
 * `kafka-run-class.sh` reads (KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_OPTS,
 * KAFKA_LOG4J_OPTS).
 */
function kafkaDistribution(t: RuntimeTools): string {
  const libs = path.join(t.tools, 'kafka', 'libs');
  if (!fs.existsSync(libs))
    throw new RuntimeError(
      'image apache/kafka',
      `the Kafka jars are not installed (${libs})`,
      'run make setup',
    );
  const dir = path.join(t.runDir, 'images', 'kafka');
  fs.mkdirSync(path.join(dir, 'bin'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'config'), { recursive: true });
  fs.rmSync(path.join(dir, 'libs'), { force: true });
  fs.symlinkSync(libs, path.join(dir, 'libs'));
  const log4j = path.join(dir, 'config', 'log4j2.properties');
  fs.writeFileSync(
    log4j,
    [
      'rootLogger.level = INFO',
      'rootLogger.appenderRef.stdout.ref = STDOUT',
      'appender.stdout.type = Console',
      'appender.stdout.name = STDOUT',
      'appender.stdout.layout.type = PatternLayout',
      'appender.stdout.layout.pattern = [%d] %p %m (%c)%n',
      'logger.kafka.name = kafka',
      'logger.kafka.level = WARN',
      'logger.apache.name = org.apache.kafka',
      'logger.apache.level = WARN',
      'logger.connect.name = org.apache.kafka.connect.runtime.WorkerSourceTask',
      'logger.connect.level = INFO',
      '',
    ].join('\n'),
  );
  for (const [script, mainClass] of Object.entries(KAFKA_SCRIPTS)) {
    const server = [
      'kafka.Kafka',
      'org.apache.kafka.connect.cli.ConnectDistributed',
    ].includes(mainClass);
    const heap = server ? '-Xmx1G -Xms1G' : '-Xmx256M';
    const body = [
      '#!/bin/sh',
      `# ${script} of the Kafka distribution: runs ${mainClass} (local runtime)`,
      `exec java \${KAFKA_HEAP_OPTS:-${heap}} \${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1} \\`,
      `  \${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=/opt/kafka/config/log4j2.properties} \${KAFKA_OPTS:-} \\`,
      `  -cp "/opt/kafka/libs/*" ${mainClass} "$@"`,
      '',
    ].join('\n');
    fs.writeFileSync(path.join(dir, 'bin', script), body, { mode: 0o755 });
  }
  return dir;
}

/** Apicurio's Quarkus application directory (runner jar and lib/), as the image's /deployments. */
function apicurioDir(t: RuntimeTools): string {
  const dir = path.join(t.tools, 'apicurio');
  const jar = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .find(f => /^apicurio-registry-app-.*-runner\.jar$/.test(f))
    : undefined;
  if (!jar)
    throw new RuntimeError(
      'image apicurio/apicurio-registry',
      `Apicurio Registry is not installed (${dir})`,
      'run make setup',
    );
  return dir;
}

const POSTGRES_BIN = () => {
  const base = '/usr/lib/postgresql';
  const v = fs.existsSync(base)
    ? fs
        .readdirSync(base)
        .sort((a, b) => Number(a) - Number(b))
        .pop()
    : undefined;
  if (!v)
    throw new RuntimeError(
      'image postgres',
      'PostgreSQL is not installed',
      'run make setup',
    );
  return `${base}/${v}/bin`;
};

/** An application's own image is not run; `exec` into its pod runs host programs in its env. */
export const APPLICATION_IMAGE: ImageProfile = {
  repository: '',
  runs: 'not run: the application image',
  path: SYSTEM_PATH,
  layers: () => [],
};

/** The image of the guide's demo service, and the repository directory it is built from. */
export const DEMO_SERVICE_IMAGE = 'realtime-demo';
/** Where the demo service's Dockerfile and code live (repository-relative). */
export const DEMO_SERVICE_SOURCE = 'docs/user-guide/examples/demo-service';

/** The Python (with the docs' client libraries) that runs the stand-ins and the checks. */
export function snippetsPython(tools: string): string {
  return path.join(tools, 'snippets-venv', 'bin', 'python');
}

/** A product that cannot run here: a stand-in script of `runtime/standins`, on the snippets' Python. */
function standIn(
  repository: string,
  what: string,
  script: string,
): ImageProfile {
  return {
    repository,
    runs: `a stand-in for ${what} (runtime/standins/${script})`,
    standIn: true,
    entrypoint: t => [snippetsPython(t.tools), `/standin/${script}`],
    path: SYSTEM_PATH,
    workdir: '/',
    layers: t => [
      { src: path.join(t.runtimeDir, 'standins'), dst: '/standin' },
    ],
  };
}

/** The images the Composition names, and how each one runs here. */
export const IMAGE_PROFILES: ImageProfile[] = [
  {
    repository: 'apache/kafka',
    runs: "Apache Kafka (the same release, jars from Maven Central) on the machine's Java",
    path: `/opt/kafka/bin:${SYSTEM_PATH}`,
    user: 1000,
    users: [{ name: 'appuser', uid: 1000, gid: 1000 }],
    workdir: '/',
    layers: t => [{ src: kafkaDistribution(t), dst: '/opt/kafka' }],
  },
  {
    repository: 'apicurio/apicurio-registry',
    runs: "Apicurio Registry (the same release, from Maven Central) on the machine's Java",
    // The image's run-java.sh: java with JAVA_OPTS and JAVA_OPTS_APPEND, then the app's jar.
    entrypoint: [
      '/bin/sh',
      '-c',
      'exec java $JAVA_OPTS $JAVA_OPTS_APPEND -jar /deployments/apicurio-registry-app-*-runner.jar',
    ],
    path: SYSTEM_PATH,
    user: 1001,
    users: [{ name: 'jboss', uid: 1001, gid: 0 }],
    workdir: '/deployments',
    layers: t => [{ src: apicurioDir(t), dst: '/deployments' }],
  },
  {
    repository: 'eclipse-mosquitto',
    runs: "Debian's Mosquitto package",
    cmd: ['/usr/sbin/mosquitto', '-c', '/mosquitto/config/mosquitto.conf'],
    path: SYSTEM_PATH,
    // The image's mosquitto user and group id (written with a separator: not the MQTT port).
    users: [{ name: 'mosquitto', uid: 1_883, gid: 1_883 }],
    workdir: '/',
    layers: () => [],
  },
  {
    repository: 'postgres',
    runs: "Debian's PostgreSQL package, started by a reproduction of the image's docker-entrypoint.sh",
    entrypoint: ['/usr/local/bin/docker-entrypoint.sh'],
    cmd: ['postgres'],
    get path() {
      return `/usr/local/sbin:/usr/local/bin:${POSTGRES_BIN()}:${SYSTEM_PATH}`;
    },
    users: [{ name: 'postgres', uid: 999, gid: 999 }],
    workdir: '/',
    layers: t => [
      {
        src: path.join(t.runtimeDir, 'images', 'postgres-entrypoint.sh'),
        dst: '/usr/local/bin/docker-entrypoint.sh',
      },
    ],
  },
  {
    repository: 'curlimages/curl',
    runs: "the machine's curl and sh",
    entrypoint: ['curl'],
    path: SYSTEM_PATH,
    user: 100,
    users: [{ name: 'curl_user', uid: 100, gid: 101 }],
    workdir: '/home/curl_user',
    layers: () => [],
  },
  standIn(
    'metabase/metabase',
    'the Metabase API the setup Job calls',
    'metabase.py',
  ),
  // The one application image the runtime runs: the minimal example's service, whose image the
  // guide builds from docs/user-guide/examples/demo-service (its Dockerfile: the snippets' Python
  // libraries, service.py in /app, user 65532).
  {
    repository: DEMO_SERVICE_IMAGE,
    runs: "the guide's demo service (docs/user-guide/examples/demo-service/service.py) on the snippets' Python, as its Dockerfile builds it",
    entrypoint: t => [snippetsPython(t.tools)],
    cmd: ['/app/service.py'],
    path: SYSTEM_PATH,
    user: 65532,
    workdir: '/app',
    layers: t => [
      {
        src: path.join(path.dirname(t.tools), DEMO_SERVICE_SOURCE),
        dst: '/app',
      },
    ],
  },
  // HQ reads config.yaml from its working directory, / in the image.
  standIn(
    'lensting/lenses-hq',
    'Lenses HQ that reads its config.yaml as HQ documents it',
    'lenses_hq.py',
  ),
  standIn(
    'lensting/lenses-agent',
    'the Lenses Agent that reads its provisioning as the agent documents it',
    'lenses_agent.py',
  ),
];

/** The profile that reproduces an image reference (`repo:tag` or `repo@sha256:…`). */
export function imageProfile(image: string): ImageProfile | undefined {
  const repository = image
    .replace(/@sha256:[a-f0-9]+$/, '')
    .replace(/:[^:/]+$/, '');
  return IMAGE_PROFILES.find(p => p.repository === repository);
}
