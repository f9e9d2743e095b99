import {
  CONNECTION_KEYS,
  DNS1035_LABEL,
  DNS_LABEL_MAX_LENGTH,
  PLATFORM_COMPONENT_TYPE,
  platformNameIssues,
  SERVICE_COMPONENT_TYPE,
  topicKey,
} from '@internal/realtime-platform-contract';
import { checkViolation } from '@internal/realtime-platform-kit';
import { ComponentIssue } from './parameterIssues';

/*
 * The definitions' `_checks`: rules across fields that a JSON Schema cannot state, written here
 * with the definitions' own keys and messages (platform/realtime-component-definitions.yaml) and
 * turned into issues by the kit's own parser of those messages. The agreement test compares
 * every rule with what cue reports.
 */

// Only read after the schema accepted every type, so the shapes are the definition's.
type Parameter = Record<string, any>;
/** A violated rule: its key under `_checks` and its message. */
type Violation = [check: string, message: string];

// How cue evaluates a rule over a list with a field the user left out (incomplete):
// list.UniqueItems takes two missing values for equal ones, list.Contains looks at the values
// that are there, a comprehension whose condition reads the missing field yields no violation
// at all, nor does a list built through a builtin (the topic keys).
const given = (values: unknown[]) => values.filter(v => v !== undefined);
const unique = (values: unknown[]) =>
  new Set(given(values)).size === given(values).length &&
  values.length - given(values).length < 2;
const complete = (values: unknown[]) => values.every(v => v !== undefined);

function platformChecks(p: Parameter): Violation[] {
  const out: Violation[] = [];
  const topicNames: unknown[] = p.topics.map((t: Parameter) => t.name);
  if (!unique(topicNames)) {
    out.push([
      'topics',
      'topics: topic names must be unique: remove the duplicate',
    ]);
  }
  if (complete(topicNames)) {
    const topicKeys = topicNames.map(n => topicKey(String(n)));
    if (!unique(topicKeys)) {
      out.push([
        'topicKeys',
        `topics: two topic names normalise to the same secret key (${topicKeys.join(
          ', ',
        )}): rename one`,
      ]);
    }
  }
  if (!unique(p.mqtt.users.map((u: Parameter) => u.name))) {
    out.push([
      'users',
      'mqtt.users: user names must be unique: remove the duplicate',
    ]);
  }
  p.topics.forEach((t: Parameter, i: number) => {
    if (t.replicationFactor > p.kafka.replicas) {
      out.push([
        `replication${i}`,
        `topics[${i}].replicationFactor: ${t.replicationFactor} exceeds kafka.replicas (${p.kafka.replicas}): lower it or add Kafka nodes`,
      ]);
    }
  });
  const declared = new Set(given(topicNames));
  const kafkaTopics: unknown[] = p.mqtt.bridges.map(
    (b: Parameter) => b.kafkaTopic,
  );
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
  p.postgresql.sink.topics.forEach((topic: string, i: number) => {
    if (!declared.has(topic)) {
      out.push([
        `sink${i}`,
        `postgresql.sink.topics[${i}]: "${topic}" is not a declared topic: add it to topics`,
      ]);
    }
  });
  return out;
}

const CONTRACT_KEYS = new Set(CONNECTION_KEYS.map(k => k.key));

function serviceChecks(p: Parameter): Violation[] {
  const out: Violation[] = [];
  const envNames: unknown[] = p.env.map((e: Parameter) => e.name);
  if (!unique(envNames)) {
    out.push([
      'env',
      'env: variable names must be unique: remove the duplicate',
    ]);
  }
  (complete(envNames) ? envNames : []).forEach((name, i) => {
    if (
      typeof name === 'string' &&
      (CONTRACT_KEYS.has(name) || name.startsWith('TOPIC_'))
    ) {
      out.push([
        `env${i}`,
        `env[${i}].name: ${name} is a key of the platform connection secret and would override it: rename the variable`,
      ]);
    }
  });
  if (
    p.realtime === undefined &&
    (p.produces.length > 0 || p.consumes.length > 0)
  ) {
    out.push([
      'realtime',
      'produces/consumes need realtime: set realtime to the platform component name',
    ]);
  }
  return out;
}

/**
 * The `_checks` rules on a component's name and application namespace, in the definition's
 * order (cue reports them whatever else is wrong with the component, but only the first one
 * when a parameter is wrong).
 */
export function nameChecks(
  type: string,
  name: string,
  namespace: string,
): ComponentIssue[] {
  if (type === PLATFORM_COMPONENT_TYPE) {
    return platformNameIssues(name, namespace);
  }
  if (
    type === SERVICE_COMPONENT_TYPE &&
    (name.length > DNS_LABEL_MAX_LENGTH || !DNS1035_LABEL.test(name))
  ) {
    return [
      checkViolation(
        name,
        'name',
        `component name "${name}" must be a DNS-1035 label of at most 63 characters (it names the Service): shorten or rename it`,
      ),
    ];
  }
  return [];
}

/**
 * The `_checks` rules across a component's parameters, on the parameter with its defaults
 * filled in. Only meaningful when every parameter has the right type (cue reports none of
 * them otherwise).
 */
export function parameterChecks(
  type: string,
  name: string,
  parameter: Record<string, unknown>,
): ComponentIssue[] {
  let violations: Violation[] = [];
  if (type === PLATFORM_COMPONENT_TYPE) violations = platformChecks(parameter);
  else if (type === SERVICE_COMPONENT_TYPE) {
    violations = serviceChecks(parameter);
  }
  return violations.map(([check, message]) =>
    checkViolation(name, check, message),
  );
}
