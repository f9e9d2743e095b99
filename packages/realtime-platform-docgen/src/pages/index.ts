import {
  GROUPS,
  PAGES,
  preamble,
  REGENERATE_COMMAND,
  stampSection,
} from '../common';
import { code, heading, table, text } from '../markdown';
import { DefinitionSource, ReferenceSource } from '../source';

function definitionRow(d: DefinitionSource): string[] {
  const name = d.definition.name;
  return [
    `[Component type ${name}](${PAGES.definition(name)})`,
    `${text(d.definition.description)}. ${(GROUPS[name] ?? [])
      .map(g => `[${text(g.title)}](${PAGES.definition(name)}#${g.id})`)
      .join(' · ')}`,
  ];
}

/** One row per page of the reference: the definitions' pages, then the XRD, secret and constraints pages. */
function pageRows(src: ReferenceSource): string[][] {
  return [
    ...src.definitions.map(definitionRow),
    [
      `[Composite resource ${src.xrd.kind} (XRD)](${PAGES.xrd})`,
      `The ${code('spec')} fields of ${code(
        src.xrd.kind,
      )}, for creating the composite resource directly.`,
    ],
    [
      `[Connection secret](${PAGES.secret})`,
      'Every key of the connection secret: meaning, value shape, the Service and port it points to, the environment variable a webservice gets.',
    ],
    [
      `[Interdependencies and constraints](${PAGES.constraints})`,
      'Rules between parameters, rejected inputs, and what changing each parameter does (rolling update, recreation, data-loss risk).',
    ],
    [
      `[Security model](${PAGES.security})`,
      'Who reaches which port, how each pod runs (Pod Security restricted), where each credential lives and how to rotate it, and what is not protected yet.',
    ],
  ];
}

function anchorsSection(): string[] {
  return [
    heading(2, 'Links to a parameter', 'anchors'),
    '',
    `Every parameter row carries an anchor: its path with list markers dropped, camelCase split into words, lower-case, joined by ${code(
      '-',
    )}. For example ${code('kafka.replicas')} → ${code(
      `${PAGES.definition('realtime-platform')}#kafka-replicas`,
    )}, ${code('mqtt.bridges[].kafkaTopic')} → ${code(
      `${PAGES.definition('realtime-platform')}#mqtt-bridges-kafka-topic`,
    )}, ${code('realtime')} → ${code(
      `${PAGES.definition('realtime-webservice')}#realtime`,
    )}. Nested objects also have ${code(
      '#<anchor>-fields',
    )} (their sub-table) and each functional area ${code('#area-<name>')}.`,
    '',
  ];
}

function regeneratingSection(): string[] {
  return [
    heading(2, 'Regenerating', 'regenerating'),
    '',
    `After changing anything under ${code('platform/')}, run ${code(
      REGENERATE_COMMAND,
    )} and commit ${code(
      'docs/reference/',
    )}. Generation fails when a parameter has no ${code(
      '// +usage=',
    )} description or a ComponentDefinition has no example application.`,
    '',
  ];
}

/** The reference's landing page: what each page holds, the anchor scheme, the stamp. */
export function indexPage(src: ReferenceSource): string {
  return [
    ...preamble(),
    '# Configuration reference',
    '',
    `Generated from the definitions in ${code(
      'platform/',
    )}: the CUE parameter schemas and their ${code(
      '// +usage=',
    )} comments, the XRD, the connection-secret contract of the kit and the example applications. Nothing here is written by hand; the test command fails when a page differs from what the definitions generate.`,
    '',
    table(['Page', 'Contents'], pageRows(src)),
    '',
    ...anchorsSection(),
    ...regeneratingSection(),
    ...stampSection(src),
  ].join('\n');
}
