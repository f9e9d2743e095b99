import { parse, stringify } from 'yaml';
import { formatIssue, RealtimeKit } from '@internal/realtime-platform-kit';
import { DocgenError } from './source';

/** A rule checked across components (by the kit, after CUE), proven by rendering a violation. */
export interface Probe {
  type: string;
  /** Parameter path the probe sets. */
  path: string;
  value: unknown;
  /** The rule, in words; printed only while the probe is rejected. */
  rule: string;
}

/** A probe with the messages its violation produced. */
export interface ProbeResult extends Probe {
  component: string;
  messages: string[];
}

/** The cross-component rules; each must stay rejected or generation fails. */
export const PROBES: Probe[] = [
  {
    type: 'realtime-webservice',
    path: 'realtime',
    value: 'no-such-platform',
    rule: 'realtime names a realtime-platform component of the same application',
  },
  {
    type: 'realtime-webservice',
    path: 'produces',
    value: ['no-such-topic'],
    rule: 'every entry of produces is a topic declared by that platform',
  },
  {
    type: 'realtime-webservice',
    path: 'consumes',
    value: ['no-such-topic'],
    rule: 'every entry of consumes is a topic declared by that platform',
  },
];

interface App {
  spec: {
    components: {
      name: string;
      type: string;
      properties?: Record<string, unknown>;
    }[];
  };
}

/**
 * Renders the example once per probe with the probe's value set on the first component of its
 * type that has `realtime` (or any of the type) and returns the messages; throws when a probe
 * is accepted, because the documented rule would then be false.
 */
export async function runProbes(
  kit: RealtimeKit,
  exampleText: string,
  exampleFile: string,
): Promise<ProbeResult[]> {
  const variants = PROBES.map(probe => {
    const app = parse(exampleText) as App;
    const ofType = app.spec.components.filter(c => c.type === probe.type);
    const comp = ofType.find(c => c.properties?.realtime) ?? ofType[0];
    if (!comp)
      throw new DocgenError(
        `${exampleFile} has no ${probe.type} component to check "${probe.rule}" on`,
      );
    comp.properties = { ...comp.properties, [probe.path]: probe.value };
    return { probe, component: comp.name, text: stringify(app) };
  });
  const results = await kit.validateTexts(
    variants.map((v, i) => ({ file: `probe-${i}.yaml`, text: v.text })),
  );
  return results.map((r, i) => {
    const { probe, component } = variants[i];
    if (r.valid)
      throw new DocgenError(
        `the rule "${probe.rule}" no longer holds: ${
          probe.type
        } ${component} with ${probe.path}: ${JSON.stringify(
          probe.value,
        )} renders; update packages/realtime-platform-docgen/src/probes.ts`,
      );
    return {
      ...probe,
      component,
      messages: r.issues.map(issue =>
        formatIssue({ ...issue, file: exampleFile }),
      ),
    };
  });
}
