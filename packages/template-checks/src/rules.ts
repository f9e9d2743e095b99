import fs from 'node:fs';
import path from 'node:path';
import { isMap, parseDocument } from 'yaml';
import {
  DNS1035_LABEL,
  DNS1123_LABEL,
  DNS_LABEL_MAX_LENGTH,
  NAMESPACE_MAX_LENGTH,
  PLATFORM_COMPONENT_TYPE,
  platformNamespace,
  SERVICE_COMPONENT_TYPE,
} from '@internal/realtime-platform-contract';
import {
  findParameter,
  findRoot,
  ParameterNode,
  RealtimeKit,
} from '@internal/realtime-platform-kit';

/** Name of the realtime-platform component the template writes (see skeleton/app.oam.yaml). */
export const PLATFORM_COMPONENT = 'events';

/**
 * Rules the definitions enforce outside their parameter schema (the kit's application parser and
 * the CUE `_checks`), so they cannot be copied from `kit.schema()`. The template carries them and
 * `rules.test.ts` probes the kit at each boundary: what the form accepts the kit accepts, and the
 * first value past each limit both refuse.
 */
export const NAME_RULES = {
  /** metadata.name / namespace: DNS-1123 label (the kit's parseApplication). */
  dnsLabel: DNS1123_LABEL.source,
  /** realtime-webservice component name: DNS-1035 label of at most 63 (realtime-webservice `_checks.name`). */
  dns1035Label: DNS1035_LABEL.source,
  webserviceMaxLength: DNS_LABEL_MAX_LENGTH,
  /**
   * The application name is also its namespace, and the platform namespace
   * `<namespace>--<platform>-realtime` must fit in 63 (realtime-platform `_checks.namespace`).
   */
  applicationMaxLength:
    NAMESPACE_MAX_LENGTH - platformNamespace(PLATFORM_COMPONENT, '').length,
};

/** JSON-schema keywords that carry a rule; the template's copy of them is generated. */
const CONSTRAINT_KEYS = [
  'pattern',
  'not',
  'allOf',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
] as const;

/** Template parameter nodes whose rules are generated, as paths into template.yaml. */
export interface GeneratedField {
  /** Human name used in messages. */
  label: string;
  path: (string | number)[];
}

const P = (page: number, ...rest: (string | number)[]) => [
  'spec',
  'parameters',
  page,
  ...rest,
];
const MQTT_BRANCH = [
  'dependencies',
  'includeMqtt',
  'oneOf',
  1,
  'properties',
] as const;
const WS = ['properties', 'webservices', 'items', 'properties'] as const;

/** The constraint keywords a definition field contributes, in the order the template writes them. */
function constraintsOf(...nodes: ParameterNode[]): Record<string, unknown> {
  const patterns = nodes.flatMap(n => n.patterns ?? []);
  const notPatterns = nodes.flatMap(n => n.notPatterns ?? []);
  const out: Record<string, unknown> = {};
  const minLength = Math.max(...nodes.map(n => n.minLength ?? -Infinity));
  const maxLength = Math.min(...nodes.map(n => n.maxLength ?? Infinity));
  const minimum = Math.max(...nodes.map(n => n.minimum ?? -Infinity));
  const maximum = Math.min(...nodes.map(n => n.maximum ?? Infinity));
  if (Number.isFinite(minLength)) out.minLength = minLength;
  if (Number.isFinite(maxLength)) out.maxLength = maxLength;
  if (Number.isFinite(minimum)) out.minimum = minimum;
  if (Number.isFinite(maximum)) out.maximum = maximum;
  if (patterns.length === 1 && notPatterns.length === 0) {
    out.pattern = patterns[0];
  } else if (patterns.length + notPatterns.length > 0) {
    out.allOf = [
      ...patterns.map(p => ({ pattern: p })),
      ...notPatterns.map(p => ({ not: { pattern: p } })),
    ];
  }
  return out;
}

function field(root: ParameterNode, fieldPath: string): ParameterNode {
  const node = findParameter(root, fieldPath);
  if (!node)
    throw new Error(
      `the definitions have no parameter ${fieldPath}: the template's generated rules need updating`,
    );
  return node;
}

/** What one generated field of template.yaml must say. */
export interface ExpectedRule {
  field: GeneratedField;
  constraints: Record<string, unknown>;
}

/** Page 0: the application name, also its namespace (see {@link NAME_RULES}). */
function applicationRules(): ExpectedRule[] {
  return [
    {
      field: { label: 'application name', path: P(0, 'properties', 'name') },
      constraints: {
        maxLength: NAME_RULES.applicationMaxLength,
        pattern: NAME_RULES.dnsLabel,
      },
    },
  ];
}

/** Page 1, the platform: its topics and the MQTT bridge, from realtime-platform's parameter. */
function platformRules(
  platform: ParameterNode,
  topic: Record<string, unknown>,
): ExpectedRule[] {
  return [
    {
      field: { label: 'topic', path: P(1, 'properties', 'topics', 'items') },
      constraints: topic,
    },
    {
      field: {
        label: 'MQTT topic filter',
        path: P(1, ...MQTT_BRANCH, 'mqttTopic'),
      },
      constraints: constraintsOf(
        field(platform, 'mqtt.bridges[].mqttTopic'),
        field(platform, 'mqtt.users[].topics[]'),
      ),
    },
    {
      field: {
        label: 'MQTT Kafka topic',
        path: P(1, ...MQTT_BRANCH, 'mqttKafkaTopic'),
      },
      constraints: topic,
    },
  ];
}

/**
 * Page 2, the webservices: the component name ({@link NAME_RULES}, never the platform's), and
 * the image, port and topics from realtime-webservice's parameter.
 */
function webserviceRules(
  webservice: ParameterNode,
  topic: Record<string, unknown>,
): ExpectedRule[] {
  return [
    {
      field: { label: 'service name', path: P(2, ...WS, 'name') },
      constraints: {
        maxLength: NAME_RULES.webserviceMaxLength,
        pattern: NAME_RULES.dns1035Label,
        not: { enum: [PLATFORM_COMPONENT] },
      },
    },
    {
      field: { label: 'image', path: P(2, ...WS, 'image') },
      constraints: constraintsOf(field(webservice, 'image')),
    },
    {
      field: { label: 'port', path: P(2, ...WS, 'port') },
      constraints: constraintsOf(field(webservice, 'port')),
    },
    {
      field: {
        label: 'produces topic',
        path: P(2, ...WS, 'produces', 'items'),
      },
      constraints: topic,
    },
    {
      field: {
        label: 'consumes topic',
        path: P(2, ...WS, 'consumes', 'items'),
      },
      constraints: topic,
    },
  ];
}

/**
 * What every generated field of template.yaml must say, computed from the definitions
 * (`kit.schema()`, i.e. `cue def --out openapi` of each `#Parameter`) and {@link NAME_RULES}.
 */
export async function expectedRules(kit: RealtimeKit): Promise<ExpectedRule[]> {
  const platform = (await kit.schema(PLATFORM_COMPONENT_TYPE)).root;
  const webservice = (await kit.schema(SERVICE_COMPONENT_TYPE)).root;
  // Every topic field of the template carries the platform's topic-name rules.
  const topic = constraintsOf(field(platform, 'topics[].name'));
  return [
    ...applicationRules(),
    ...platformRules(platform, topic),
    ...webserviceRules(webservice, topic),
  ];
}

/** Path of templates/realtime-app/template.yaml. */
export function templatePath(root: string = findRoot()): string {
  return path.join(root, 'templates', 'realtime-app', 'template.yaml');
}

/** The template as an object. */
export function loadTemplate(file: string = templatePath()): any {
  return parseDocument(fs.readFileSync(file, 'utf8')).toJS();
}

function at(obj: any, p: (string | number)[]): any {
  return p.reduce((o, k) => (o === undefined ? undefined : o[k]), obj);
}

/** JSON with sorted keys: key order in template.yaml is layout, not a rule. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x).sort(([a], [b]) => a.localeCompare(b)),
        )
      : x,
  );
}

/** The constraint keywords a template node carries. */
export function templateConstraints(
  template: any,
  p: (string | number)[],
): Record<string, unknown> | undefined {
  const node = at(template, p);
  if (!node) return undefined;
  const out: Record<string, unknown> = {};
  for (const k of CONSTRAINT_KEYS) if (node[k] !== undefined) out[k] = node[k];
  return out;
}

/** Rewrites the generated fields of template.yaml in place, keeping comments and layout. */
export async function writeRules(
  kit: RealtimeKit,
  file: string = templatePath(),
): Promise<string[]> {
  const doc = parseDocument(fs.readFileSync(file, 'utf8'));
  const changed: string[] = [];
  for (const { field: f, constraints } of await expectedRules(kit)) {
    const node = doc.getIn(f.path, true);
    if (!isMap(node))
      throw new Error(`${file}: no parameter at ${f.path.join('.')}`);
    const current = templateConstraints(doc.toJS(), f.path) ?? {};
    let differs = false;
    for (const k of CONSTRAINT_KEYS) {
      const want = constraints[k];
      if (canonical(current[k]) === canonical(want)) continue;
      differs = true;
      if (want === undefined) node.delete(k);
      else node.set(k, doc.createNode(want));
    }
    if (differs) changed.push(f.label);
  }
  // Rewritten only on a change, so the hand-written layout stays as long as the rules agree.
  if (changed.length) fs.writeFileSync(file, doc.toString({ lineWidth: 100 }));
  return changed;
}
