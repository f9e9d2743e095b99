import { CONNECTION_KEYS, TOPIC_KEY_PREFIX, topicKey } from './connectionKeys';
import { DNS1035_LABEL, DNS_LABEL_MAX_LENGTH } from './patterns';

/*
 * The definitions' `_checks` (platform/realtime-component-definitions.yaml): rules across fields
 * that a JSON Schema cannot state, with the definitions' own keys and messages. The catalog
 * module, which validates without cue, reports them from here; its agreement test compares every
 * rule with what cue reports for the same application.
 */

/**
 * A violated `_checks` rule of a definition: the rule's key under `_checks` (e.g. `topics`,
 * `replication0`) and its message, written `[<field>: ]<what is wrong>: <fix>` as the
 * definition writes it. The kit's `checkViolation` turns one into an issue.
 */
export type CheckViolation = [check: string, message: string];

/**
 * The parameter of a realtime-platform component as far as its `_checks` read it, with the
 * definition's defaults filled in. Only meaningful when every given value has the right type;
 * a required field the user left out (a topic's or user's `name`, a bridge's `kafkaTopic`) is
 * `undefined`.
 */
export interface PlatformCheckParameter {
  topics: { name?: string; replicationFactor?: number }[];
  kafka: { replicas: number };
  mqtt: {
    users: { name?: string }[];
    bridges: { kafkaTopic?: string }[];
  };
  postgresql: { sink: { topics: string[] } };
}

/**
 * The parameter of a realtime-webservice component as far as its `_checks` read it, with the
 * definition's defaults filled in; an env entry's `name` the user left out is `undefined`.
 */
export interface ServiceCheckParameter {
  env: { name?: string }[];
  realtime?: string;
  produces: string[];
  consumes: string[];
}

// How cue evaluates a rule over a list with a field the user left out (incomplete):
// list.UniqueItems takes two missing values for equal ones, list.Contains looks at the values
// that are there, a comprehension whose condition reads the missing field yields no violation
// at all, nor does a list built through a builtin (the topic keys).
const given = (values: unknown[]) => values.filter(v => v !== undefined);
const unique = (values: unknown[]) =>
  new Set(given(values)).size === given(values).length &&
  values.length - given(values).length < 2;
const complete = (values: unknown[]) => values.every(v => v !== undefined);

/**
 * realtime-platform `_checks.topics`: topic names are unique.
 */
export function topicNameViolations(
  p: Pick<PlatformCheckParameter, 'topics'>,
): CheckViolation[] {
  return unique(p.topics.map(t => t.name))
    ? []
    : [['topics', 'topics: topic names must be unique: remove the duplicate']];
}

/**
 * realtime-platform `_checks.topicKeys`: no two topic names give the same connection-secret key
 * ({@link topicKey}).
 */
export function topicKeyViolations(
  p: Pick<PlatformCheckParameter, 'topics'>,
): CheckViolation[] {
  const names = p.topics.map(t => t.name);
  if (!complete(names)) return [];
  const keys = names.map(n => topicKey(String(n)));
  return unique(keys)
    ? []
    : [
        [
          'topicKeys',
          `topics: two topic names normalise to the same secret key (${keys.join(
            ', ',
          )}): rename one`,
        ],
      ];
}

/**
 * realtime-platform `_checks.users`: MQTT user names are unique.
 */
export function mqttUserViolations(
  p: Pick<PlatformCheckParameter, 'mqtt'>,
): CheckViolation[] {
  return unique(p.mqtt.users.map(u => u.name))
    ? []
    : [
        [
          'users',
          'mqtt.users: user names must be unique: remove the duplicate',
        ],
      ];
}

/**
 * realtime-platform `_checks.replication<i>`: no topic's replicationFactor exceeds
 * `kafka.replicas`.
 */
export function replicationViolations(
  p: Pick<PlatformCheckParameter, 'topics' | 'kafka'>,
): CheckViolation[] {
  const out: CheckViolation[] = [];
  p.topics.forEach((t, i) => {
    if (
      t.replicationFactor !== undefined &&
      t.replicationFactor > p.kafka.replicas
    ) {
      out.push([
        `replication${i}`,
        `topics[${i}].replicationFactor: ${t.replicationFactor} exceeds kafka.replicas (${p.kafka.replicas}): lower it or add Kafka nodes`,
      ]);
    }
  });
  return out;
}

/**
 * realtime-platform `_checks.bridge<i>` and `_checks.sink<i>`: every MQTT bridge's `kafkaTopic`
 * and every `postgresql.sink.topics` entry is a declared topic.
 */
export function undeclaredTopicViolations(
  p: Pick<PlatformCheckParameter, 'topics' | 'mqtt' | 'postgresql'>,
): CheckViolation[] {
  const out: CheckViolation[] = [];
  const declared = new Set<unknown>(given(p.topics.map(t => t.name)));
  const kafkaTopics = p.mqtt.bridges.map(b => b.kafkaTopic);
  if (complete(kafkaTopics)) {
    kafkaTopics.forEach((topic, i) => {
      if (!declared.has(topic)) {
        out.push([
          `bridge${i}`,
          `mqtt.bridges[${i}].kafkaTopic: "${topic}" is not a declared topic: add it to topics`,
        ]);
      }
    });
  }
  p.postgresql.sink.topics.forEach((topic, i) => {
    if (!declared.has(topic)) {
      out.push([
        `sink${i}`,
        `postgresql.sink.topics[${i}]: "${topic}" is not a declared topic: add it to topics`,
      ]);
    }
  });
  return out;
}

/**
 * Every `_checks` rule of realtime-platform across its parameters, in the definition's order
 * (the name rules, which read the component name and namespace, are `platformNameIssues`).
 */
export function platformParameterViolations(
  p: PlatformCheckParameter,
): CheckViolation[] {
  return [
    ...topicNameViolations(p),
    ...topicKeyViolations(p),
    ...mqttUserViolations(p),
    ...replicationViolations(p),
    ...undeclaredTopicViolations(p),
  ];
}

/**
 * realtime-webservice `_checks.name`: the component name names a Service, so it is a DNS-1035
 * label of at most 63 characters.
 */
export function serviceNameViolations(name: string): CheckViolation[] {
  return name.length > DNS_LABEL_MAX_LENGTH || !DNS1035_LABEL.test(name)
    ? [
        [
          'name',
          `component name "${name}" must be a DNS-1035 label of at most 63 characters (it names the Service): shorten or rename it`,
        ],
      ]
    : [];
}

/**
 * realtime-webservice `_checks.env`: environment variable names are unique.
 */
export function envNameViolations(
  p: Pick<ServiceCheckParameter, 'env'>,
): CheckViolation[] {
  return unique(p.env.map(e => e.name))
    ? []
    : [['env', 'env: variable names must be unique: remove the duplicate']];
}

const CONNECTION_KEY_NAMES = new Set(CONNECTION_KEYS.map(k => k.key));

/**
 * Whether an environment variable of a consumer would override a key of the platform's
 * connection secret: a fixed key ({@link CONNECTION_KEYS}) or a topic key
 * (`TOPIC_KEY_PREFIX`…).
 */
export function isConnectionSecretKeyName(name: string): boolean {
  return CONNECTION_KEY_NAMES.has(name) || name.startsWith(TOPIC_KEY_PREFIX);
}

/**
 * realtime-webservice `_checks.env<i>`: no environment variable is named like a key of the
 * platform connection secret ({@link isConnectionSecretKeyName}), which `envFrom` injects.
 */
export function envOverrideViolations(
  p: Pick<ServiceCheckParameter, 'env'>,
): CheckViolation[] {
  const names = p.env.map(e => e.name);
  if (!complete(names)) return [];
  const out: CheckViolation[] = [];
  names.forEach((name, i) => {
    if (typeof name === 'string' && isConnectionSecretKeyName(name)) {
      out.push([
        `env${i}`,
        `env[${i}].name: ${name} is a key of the platform connection secret and would override it: rename the variable`,
      ]);
    }
  });
  return out;
}

/**
 * realtime-webservice `_checks.realtime`: `produces` and `consumes` need `realtime`.
 */
export function realtimeViolations(
  p: Pick<ServiceCheckParameter, 'realtime' | 'produces' | 'consumes'>,
): CheckViolation[] {
  return p.realtime === undefined &&
    (p.produces.length > 0 || p.consumes.length > 0)
    ? [
        [
          'realtime',
          'produces/consumes need realtime: set realtime to the platform component name',
        ],
      ]
    : [];
}

/**
 * Every `_checks` rule of realtime-webservice across its parameters, in the definition's order
 * (the name rule is {@link serviceNameViolations}).
 */
export function serviceParameterViolations(
  p: ServiceCheckParameter,
): CheckViolation[] {
  return [
    ...envNameViolations(p),
    ...envOverrideViolations(p),
    ...realtimeViolations(p),
  ];
}
