/**
 * Prepares the simulated cluster for the portal's live-state browser test: both examples
 * applied and Ready (seedExamples), the portal's read-only identity (kubernetes-portal-reader.yaml)
 * applied, and a token of it. Prints the environment app-config.kubernetes.yaml reads, as
 * `export` lines for eval; the token goes nowhere else.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs packages/realtime-platform-kit/src/cluster/portalCluster.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { createKit } from '../kit';
import { KubeClient, KubeObject } from './kubeClient';
import { seedExamples } from './seed';
import { clusterClient } from './testCluster';

/** The examples the browser test shows. */
export const PORTAL_EXAMPLES: string[] = [
  'MINIMAL-REALTIME-OAM.yaml',
  'REALTIME-OAM-EXAMPLE.yaml',
];

/** Applies kubernetes-portal-reader.yaml and returns a one-hour token of its ServiceAccount. */
export async function portalReaderToken(
  client: KubeClient,
  root: string,
): Promise<string> {
  const objects = parseAllDocuments(
    fs.readFileSync(path.join(root, 'kubernetes-portal-reader.yaml'), 'utf8'),
  ).map(d => d.toJS() as KubeObject);
  for (const o of objects) await client.serverSideApply(o, 'portal-test');
  const sa = objects.find(o => o.kind === 'ServiceAccount')!;
  return client.serviceAccountToken(
    sa.metadata.namespace!,
    sa.metadata.name,
    3600,
  );
}

async function main() {
  const kit = createKit();
  const client = clusterClient();
  await seedExamples(kit, client, PORTAL_EXAMPLES);
  client.refreshDiscovery();
  const token = await portalReaderToken(client, kit.paths.root);
  const env = {
    KUBERNETES_CLUSTER_NAME: 'simulated',
    KUBERNETES_API_URL: client.server.origin,
    KUBERNETES_CA_DATA: client.ca.toString('base64'),
    KUBERNETES_SA_TOKEN: token,
  };
  for (const [k, v] of Object.entries(env)) console.log(`export ${k}='${v}'`);
}

if (require.main === module) {
  main().catch(e => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
