import {
  exampleSection,
  GROUPS,
  PAGES,
  preamble,
  stampSection,
} from '../common';
import { code, text } from '../markdown';
import { paramSections } from '../params';
import { DefinitionSource, ReferenceSource } from '../source';
import { paramTree } from '../tree';

/** The page of one ComponentDefinition: parameter tables by functional area, examples, stamp. */
export function definitionPage(
  src: ReferenceSource,
  d: DefinitionSource,
): string {
  const name = d.definition.name;
  const tree = paramTree(d.schema.openapi);
  return [
    ...preamble(),
    `# Component type ${name}`,
    '',
    `${text(d.definition.description)}.`,
    '',
    `Use it as ${code(
      `type: ${name}`,
    )} in an OAM Application; the keys below go under the component's ${code(
      'properties',
    )}. Unknown or misspelt keys are rejected with the key's name. Descriptions, types, defaults and validation come from the CUE ${code(
      '#Parameter',
    )} of the ComponentDefinition in ${code(
      'platform/realtime-component-definitions.yaml',
    )} (through ${code('cue def --out openapi')} and its ${code(
      '// +usage=',
    )} comments).`,
    '',
    `Rules that involve several parameters, and what changing each parameter does to the running platform, are in [Interdependencies and constraints](${PAGES.constraints}).`,
    '',
    ...paramSections(tree, GROUPS[name] ?? []),
    ...exampleSection(
      d.examples,
      `Applications from ${code('platform/examples/')} that use ${code(
        name,
      )}, included verbatim; the test command renders both through the definitions.`,
    ),
    ...stampSection(src),
  ].join('\n');
}
