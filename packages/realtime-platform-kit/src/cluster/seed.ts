import { RealtimeKit, RenderResult } from '../kit';
import { applyAll } from './apply';
import { compositeConditions, setCompositeConditions } from './compositeStatus';
import { KubeClient } from './kubeClient';
import { clusterObjects } from './manifests';
import { waitForWorkloads } from './readiness';
import { recomposeFromCluster } from './recompose';
import {
  createUserSecrets,
  ensureNamespace,
  installCompositeCrd,
  readExample,
  renderApps,
} from './testCluster';

/**
 * Applies examples of `platform/examples` to the simulated cluster as Crossplane and the
 * provider would, waits until every workload is Ready on the kwok nodes, and writes on each
 * composite the conditions Crossplane would then set (Crossplane cannot run here). Credentials an
 * earlier run left are read back, as Crossplane's next reconcile reads them.
 */
export async function seedExamples(
  kit: RealtimeKit,
  client: KubeClient,
  files: string[],
): Promise<RenderResult[]> {
  await installCompositeCrd(kit, client);
  const apps = files.map(f => readExample(kit, f));
  const results = await Promise.all(
    (
      await renderApps(kit, apps)
    ).map(r => recomposeFromCluster(kit, r, client)),
  );
  for (const result of results) {
    await ensureNamespace(client, result.application.namespace);
    await createUserSecrets(client, result);
    const targets = clusterObjects(result);
    await applyAll(client, targets);
    await waitForWorkloads(client, targets, 240_000);
    for (const p of result.platforms)
      await setCompositeConditions(
        client,
        result,
        p.component,
        compositeConditions([]),
        kit.compositionFile.composition.metadata.name,
      );
  }
  return results;
}
