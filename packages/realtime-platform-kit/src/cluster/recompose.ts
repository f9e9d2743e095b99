import { runComposition } from '../composition';
import { RenderResult, RealtimeKit } from '../kit';
import { compositionRenderBinary } from '../paths';
import { KubeClient } from './kubeClient';
import { KubeObject } from '../types';

/**
 * Composes every platform of a result again with the composed resources the cluster now holds
 * as Crossplane's observed state, as the next reconcile does: generated credentials are read
 * back, so a second apply of an unchanged application changes nothing.
 */
export async function recomposeFromCluster(
  kit: RealtimeKit,
  result: RenderResult,
  client: KubeClient,
): Promise<RenderResult> {
  const next: RenderResult = structuredClone(result);
  const requests = await Promise.all(
    next.platforms.map(async p => {
      const observed: Record<string, KubeObject> = {};
      for (const c of p.composed) {
        if (c.resource.kind === 'Object') continue;
        const md = c.resource.metadata;
        const stored = await client.get(
          c.resource.apiVersion,
          c.resource.kind,
          md.name,
          md.namespace,
        );
        if (stored) observed[c.name] = stored;
      }
      return { xr: p.xr, observed };
    }),
  );
  const composed = await runComposition(
    compositionRenderBinary(kit.paths.root),
    kit.paths.compositions,
    requests,
  );
  next.platforms.forEach((p, i) => {
    if (composed[i].error)
      throw new Error(
        `the Composition failed for ${p.component}: ${composed[i].error}`,
      );
    p.composed = composed[i].resources;
  });
  return next;
}
