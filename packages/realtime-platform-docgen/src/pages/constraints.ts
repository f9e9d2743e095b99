import { PAGES, preamble, stampSection } from '../common';
import { ObjectChange, ParameterEffect } from '../effects';
import { anchorId, code, heading, table, text } from '../markdown';
import { NOTES } from '../notes';
import { ProbeResult } from '../probes';
import { checkRules } from '../rules';
import { DocgenError, ReferenceSource } from '../source';

/** One file of platform/examples/invalid and the error it produces. */
export interface RejectedInput {
  repoPath: string;
  expected: string;
  /** The kit's messages for it. */
  messages: string[];
}

const CONTEXT: Record<string, string> = {
  'context.name': 'component name',
  'context.namespace': 'application namespace',
  'context.appName': 'application name',
};

function paramLink(definition: string, path: string): string {
  if (CONTEXT[path]) return text(CONTEXT[path]);
  return `[${code(path)}](${PAGES.definition(definition)}#${anchorId(path)})`;
}

function objectsCell(changes: ObjectChange[], measured: boolean): string {
  if (!changes.length)
    return measured ? 'no object besides the composite resource' : '—';
  return changes
    .map(c => {
      const fields = c.fields.length
        ? ` (${c.fields.map(f => code(f)).join(', ')})`
        : '';
      return `${code(c.object)} ${c.change}${fields}`;
    })
    .join('<br>');
}

function effectRows(
  definition: string,
  effects: ParameterEffect[],
  ignoreKind: string,
): string[][] {
  return effects.map(e => {
    const changes = e.changes.filter(
      c => !c.object.startsWith(`${ignoreKind} `),
    );
    const note = NOTES[definition]?.[e.path]?.text;
    return [
      paramLink(definition, e.path),
      e.variant ? code(e.variant) : text(`not measured: ${e.skipped ?? ''}`),
      objectsCell(changes, !!e.variant),
      [
        ...new Set(
          changes.map(
            c => `${code(c.object.split(' ')[0])}: ${text(c.effect)}`,
          ),
        ),
      ]
        .concat(note ? [text(note)] : [])
        .join('<br>') || '—',
      changes.some(c => c.dataLoss) || NOTES[definition]?.[e.path]?.dataLoss
        ? '**yes**'
        : 'no',
    ];
  });
}

function definitionRules(name: string, template: string): string[] {
  let rules;
  try {
    rules = checkRules(template);
  } catch (e) {
    throw new DocgenError(
      `definition ${name}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  return [
    heading(3, `Component type ${name}`, `rules-${name}`),
    '',
    rules.length
      ? table(
          ['Rule (CUE condition that rejects)', 'Reads', 'Error message'],
          rules.map(r => [
            code(r.condition),
            r.reads.map(p => paramLink(name, p)).join(', '),
            text(r.message),
          ]),
        )
      : 'No rules between parameters.',
    '',
  ];
}

function rulesSection(src: ReferenceSource): string[] {
  return [
    heading(2, 'Rules between parameters', 'rules'),
    '',
    'Read from the `_checks` block of each ComponentDefinition; each rule rejects the application with the message shown (CUE interpolations written `\\(...)`).',
    '',
    ...src.definitions.flatMap(d =>
      definitionRules(d.definition.name, d.definition.template),
    ),
  ];
}

function acrossComponentsSection(probes: ProbeResult[]): string[] {
  return [
    heading(3, 'Across components', 'rules-across-components'),
    '',
    `Checked by the kit after CUE, on the whole application. Each rule was proven while generating this page by setting the value shown on a component of ${code(
      'platform/examples/',
    )} and rendering it: generation fails if the value is accepted.`,
    '',
    table(
      ['Rule', 'Parameter', 'Value tried', 'Error message'],
      probes.map(p => [
        text(p.rule),
        paramLink(p.type, p.path),
        `${code(p.component)}: ${code(JSON.stringify(p.value))}`,
        p.messages.map(m => text(m)).join('<br>'),
      ]),
    ),
    '',
  ];
}

function rejectedSection(rejected: RejectedInput[]): string[] {
  return [
    heading(2, 'Rejected inputs', 'rejected-inputs'),
    '',
    `The applications in ${code(
      'platform/examples/invalid/',
    )}, each rendered through the definitions when this page is generated; generation fails unless each is rejected with its expected message.`,
    '',
    table(
      ['File', 'Expected message', 'Messages'],
      rejected.map(r => [
        code(r.repoPath),
        text(r.expected),
        r.messages.map(m => text(m)).join('<br>'),
      ]),
    ),
    '',
  ];
}

function definitionChanges(
  src: ReferenceSource,
  name: string,
  effects: ParameterEffect[],
): string[] {
  return [
    heading(3, `Component type ${name}`, `changes-${name}`),
    '',
    name === 'realtime-platform'
      ? `Every parameter also changes the ${code(
          src.xrd.kind,
        )} composite resource's ${code('spec')}; it is left out below.`
      : '',
    '',
    // Longer than the prose that explains it: folded, as pymdownx.details (in techdocs-core) does.
    `??? note "What a change of each of its ${effects.length} parameters does"`,
    table(
      [
        'Parameter',
        'Variant',
        'Kubernetes objects changed',
        'On change',
        'Data-loss risk',
      ],
      effectRows(name, effects, src.xrd.kind),
    )
      .split('\n')
      .map(line => `    ${line}`)
      .join('\n'),
    '',
  ];
}

function changesSection(
  src: ReferenceSource,
  effects: Map<string, ParameterEffect[]>,
): string[] {
  return [
    heading(2, 'What a change does', 'changes'),
    '',
    `For each parameter, the full example was rendered again with that one parameter changed (column Variant) and every Kubernetes object compared with the unchanged render; generated credentials are ignored. The consequence follows from the object's kind and the changed field (Kubernetes semantics); notes add what the rendered objects cannot show.`,
    '',
    ...src.definitions.flatMap(d =>
      definitionChanges(
        src,
        d.definition.name,
        effects.get(d.definition.name) ?? [],
      ),
    ),
  ];
}

/**
 * Interdependencies and constraints: the cross-field rules of each definition (from its
 * `_checks`), the inputs the examples prove are rejected, and what a change of each parameter
 * does to the Kubernetes objects (measured by rendering variants).
 */
export function constraintsPage(
  src: ReferenceSource,
  effects: Map<string, ParameterEffect[]>,
  rejected: RejectedInput[],
  probes: ProbeResult[],
): string {
  return [
    ...preamble(),
    '# Interdependencies and constraints',
    '',
    `Rules that involve more than one parameter, the inputs that are rejected, and what changing each parameter does to the running platform. Single-parameter rules (types, ranges, patterns) are in the parameter tables of each [component type](${PAGES.index}).`,
    '',
    ...rulesSection(src),
    ...acrossComponentsSection(probes),
    ...rejectedSection(rejected),
    ...changesSection(src, effects),
    ...stampSection(src),
  ].join('\n');
}
