/**
 * The architecture diagrams against what the composition renders for every example (the real cue
 * and the Composition's template, through the kit): every node is a part, every part is drawn,
 * every drawn edge is configured and every configured connection is drawn.
 */
import {
  CHECKED_DIAGRAMS,
  contexts,
  docs,
  examples,
  loadDiagrams,
  OWN_DIAGRAMS,
} from '../__fixtures__/guide';
import {
  discoveredConnections,
  drawnEdges,
  EDGE_CHECKS,
  edgeFailures,
  expand,
  GROUPS,
  pairKey,
  PART,
  PARTS,
  PARTS_FILE,
  resolve,
  resourceOwner,
  expectedResources,
} from './architecture';
import { parseMermaid } from './mermaid';

jest.setTimeout(180_000);

const diagrams = loadDiagrams();

describe('architecture diagrams', () => {
  it('every diagram reads, and every node stands for a known part', () => {
    const failures: string[] = [];
    for (const [name, d] of Object.entries(diagrams)) {
      failures.push(...d.errors);
      const ids = [...d.nodes.keys(), ...d.edges.flatMap(e => [e.from, e.to])];
      for (const id of ids) {
        if (d.groups.has(id)) {
          if (!PART.has(resolve(id)) && !GROUPS[id])
            failures.push(
              `docs/diagrams/${name}.mmd: edge to subgraph "${id}", which is not a part`,
            );
          continue;
        }
        for (const p of expand(id))
          if (!PART.has(p))
            failures.push(
              `docs/diagrams/${name}.mmd: node "${id}" is not a part of ${PARTS_FILE} (PARTS, ALIASES or GROUPS)`,
            );
      }
    }
    // A node drawn with several edges is reported once.
    expect([...new Set(failures)]).toEqual([]);
  });

  it('every part drawn is created, and every part created is drawn (all examples)', async () => {
    const failures: string[] = [];
    const drawn = new Set(
      OWN_DIAGRAMS.flatMap(n =>
        [...diagrams[n].nodes.keys(), ...diagrams[n].groups.keys()].flatMap(
          expand,
        ),
      ),
    );
    const overview = new Set(
      [...diagrams['architecture-overview'].nodes.keys()].flatMap(expand),
    );
    for (const p of PARTS) {
      if (p.resources && !drawn.has(p.id))
        failures.push(
          `part ${p.id} (${p.label}) is created by the composition but drawn in no diagram`,
        );
      if (
        /^(Deployment|StatefulSet)\//.test(p.workload ?? '') &&
        !overview.has(p.id)
      )
        failures.push(
          `workload ${p.workload} is missing from docs/diagrams/architecture-overview.mmd`,
        );
    }
    const seen = new Set<string>();
    for (const { file, ctx } of await contexts()) {
      const present = new Set(ctx.platform.composed.map(c => c.name));
      for (const name of present)
        if (!resourceOwner.has(name))
          failures.push(
            `${file}: the composition creates "${name}", which no documented part owns: add it to PARTS and to a diagram`,
          );
      for (const [name, expected] of expectedResources(ctx.spec)) {
        if (present.has(name) !== expected)
          failures.push(
            `${file}: "${name}" (part ${resourceOwner.get(name)}) is ${
              present.has(name) ? '' : 'not '
            }composed, the docs say it is ${
              expected ? '' : 'not '
            }created for this spec`,
          );
        if (present.has(name)) seen.add(resourceOwner.get(name)!);
      }
    }
    for (const p of PARTS.filter(x => x.resources))
      if (!seen.has(p.id))
        failures.push(
          `part ${p.id} is never created by any example: an example must show it`,
        );
    expect(failures).toEqual([]);
    // Parts outside the composition: the realtime-webservice renders from its definition.
    expect(
      (await examples()).some(r =>
        r.components.some(c => c.type === 'realtime-webservice'),
      ),
    ).toBe(true);
  });

  it('every edge drawn is configured by the composition (or the definitions) for the examples', async () => {
    const all = await contexts();
    const failures = drawnEdges(diagrams, CHECKED_DIAGRAMS).flatMap(edge => {
      const f = edgeFailures(edge, all, docs.kit);
      return f.length
        ? [
            `${edge.where} is not what the composition builds:\n  ${f.join(
              '\n  ',
            )}`,
          ]
        : [];
    });
    expect(failures).toEqual([]);
  });

  it('negative controls: the cross-check rejects an edge, a node and a part it should', async () => {
    const all = await contexts();
    const bogus = parseMermaid(
      'flowchart TB\n  metabase --> kafka\n  devices --> postgresql\n  lenses_hq --> mqtt\n',
      'control.mmd',
    );
    expect(bogus.edges).toHaveLength(3);
    for (const e of bogus.edges) {
      const edge = {
        where: `control.mmd:${e.line}`,
        pairs: [pairKey(e.from, e.to)],
      };
      expect(edgeFailures(edge, all, docs.kit)).not.toEqual([]);
    }
    expect(PART.has('zookeeper')).toBe(false);
    // A bridge whose KCQL the composition did not write must fail the bridge check.
    const full = all.find(x => x.ctx.spec.mqtt.bridges.length)!;
    const bridges = [
      ...full.ctx.spec.mqtt.bridges,
      { mqttTopic: 'x/#', kafkaTopic: 'nowhere', qos: 1 },
    ];
    const ctx = {
      ...full.ctx,
      spec: { ...full.ctx.spec, mqtt: { ...full.ctx.spec.mqtt, bridges } },
    };
    expect(
      EDGE_CHECKS[pairKey('mqtt', 'connect')].check!(ctx, docs.kit),
    ).toMatch(/bridge 2/);
  });

  it('every connection the composition configures is drawn', async () => {
    const drawn = new Set(
      drawnEdges(diagrams, OWN_DIAGRAMS).flatMap(e => e.pairs),
    );
    const failures: string[] = [];
    for (const { file, ctx } of await contexts()) {
      for (const [pair, why] of discoveredConnections(ctx))
        if (!drawn.has(pair))
          failures.push(
            `${file}: ${pair.replace('|', ' <-> ')} is configured (${
              why[0]
            }) but drawn in no diagram of ${OWN_DIAGRAMS.join(', ')}`,
          );
    }
    expect(failures).toEqual([]);
  });
});
