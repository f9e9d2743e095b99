import { RealtimeKit } from '@internal/realtime-platform-kit';
import { MermaidDiagram } from '../mermaid';
import { discoveredConnections } from './connections';
import { PlatformContext } from './context';
import { EDGE_CHECKS } from './edgeChecks';
import { expand, isControlPlane, pairKey, PART } from './parts';
import { PlatformSpec } from './types';

/** A drawn edge: where it is drawn and the part pairs it stands for. */
export interface DrawnEdge {
  where: string;
  pairs: string[];
}

/** One rendered platform of an example file. */
export interface ExampleContext {
  file: string;
  ctx: PlatformContext;
}

/** Each drawn edge of the named diagrams as part pairs (a group node expands to its members). */
export function drawnEdges(
  diagrams: Record<string, MermaidDiagram>,
  names: string[],
): DrawnEdge[] {
  return names.flatMap(n =>
    diagrams[n].edges.map(e => ({
      where: `docs/diagrams/${n}.mmd:${e.line} (${e.from} ${e.op} ${e.to})`,
      pairs: expand(e.from).flatMap(a => expand(e.to).map(b => pairKey(a, b))),
    })),
  );
}

const EDGE_CHECKS_FILE =
  'packages/realtime-platform-docgen/src/guide/architecture/edgeChecks.ts';

/** Why a drawn edge is not what the composition builds for the examples ([] when it is). */
export function edgeFailures(
  edge: DrawnEdge,
  all: ExampleContext[],
  kit: RealtimeKit,
): string[] {
  const failures: string[] = [];
  let passedOnce = false;
  for (const pair of edge.pairs) {
    const [a, b] = pair.split('|');
    const spec = EDGE_CHECKS[pair];
    const partWhen = (id: string) =>
      PART.get(id)!.when ?? ((_s: PlatformSpec) => true);
    const controlOrActor = [a, b].some(
      x =>
        isControlPlane(x) ||
        PART.get(x)!.actor ||
        ['conn_secret', 'credentials', 'ns'].includes(x),
    );
    if (controlOrActor && !spec?.check) {
      failures.push(`${pair}: no check in EDGE_CHECKS (${EDGE_CHECKS_FILE})`);
      continue;
    }
    let expectedSomewhere = false;
    let ok = true;
    for (const { file, ctx } of all) {
      const when =
        spec?.when ?? ((s: PlatformSpec) => partWhen(a)(s) && partWhen(b)(s));
      if (!when(ctx.spec)) continue;
      if (
        [a, b].includes('webservice') &&
        !ctx.webservices.length &&
        !controlOrActor
      )
        continue;
      expectedSomewhere = true;
      if (
        !controlOrActor &&
        !spec?.indirect &&
        !discoveredConnections(ctx).has(pair)
      ) {
        failures.push(
          `${pair}: ${file} has no object of ${a} naming a Service of ${b} (or the reverse)`,
        );
        ok = false;
      }
      const err = spec?.check?.(ctx, kit);
      if (err) {
        failures.push(`${pair}: ${file}: ${err}`);
        ok = false;
      }
    }
    if (!expectedSomewhere)
      failures.push(`${pair}: no example builds this connection`);
    if (ok && expectedSomewhere) passedOnce = true;
  }
  // A group node (the home page's "lenses") passes when one of its members is connected.
  if (passedOnce && (edge.pairs.length > 1 || failures.length === 0)) return [];
  return failures.length ? failures : ['not configured'];
}
