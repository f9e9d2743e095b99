import { manifestOf, resourceOwner } from './architecture';
import { DocsKit } from './docsKit';
import { code, table } from './markdown';
import { fmtCpu, fmtMem, podRequests, PodRequests } from './workloads';

/** The size profiles of `resources.size`, in the table's column order. */
export const SIZES = ['small', 'medium', 'large'];

/** An application with every part (Connect and Lenses enabled) at one size profile. */
export const profileApp = (
  size: string,
): string => `apiVersion: core.oam.dev/v1beta1
kind: Application
metadata:
  name: sizing
  namespace: sizing
spec:
  components:
    - name: p
      type: realtime-platform
      properties:
        topics: [{ name: t }]
        mqtt: { bridges: [{ mqttTopic: "a/#", kafkaTopic: t }] }
        lenses: { acceptEULA: true }
        resources: { size: ${size} }
`;

/** Parts left out of the "defaults" total: they exist only when enabled. */
const OPTIONAL_PARTS = new Set(['connect', 'lenses_hq', 'lenses_agent']);

interface Workload extends PodRequests {
  replicas: number;
  part?: string;
}

/** Requests per workload and size profile, rendered through the composition. */
export async function resourcesTable(docs: DocsKit): Promise<string> {
  const rendered = await docs.renderTexts(
    SIZES.map(s => ({ file: `size-${s}.yaml`, text: profileApp(s) })),
  );
  const perSize = rendered.map(r => {
    const rows = new Map<string, Workload>();
    for (const c of r.platforms[0].composed) {
      const m = manifestOf(c);
      if (!['Deployment', 'StatefulSet'].includes(m.kind)) continue;
      rows.set(m.metadata.name, {
        ...podRequests(m),
        replicas: m.spec?.replicas ?? 1,
        part: resourceOwner.get(c.name),
      });
    }
    return rows;
  });
  const rows = [...perSize[0].keys()].map(n => [
    code(n),
    ...perSize.map(s => {
      const w = s.get(n)!;
      return `${fmtCpu(w.cpu)} CPU, ${fmtMem(w.mem)} (limit ${fmtMem(
        w.memLimit,
      )})`;
    }),
  ]);
  const total = (include: (w: Workload) => boolean) =>
    perSize.map(s => {
      let cpu = 0;
      let mem = 0;
      for (const w of s.values()) {
        if (!include(w)) continue;
        cpu += w.cpu * w.replicas;
        mem += w.mem * w.replicas;
      }
      return `**${fmtCpu(cpu)} CPU, ${fmtMem(mem)}**`;
    });
  rows.push([
    'Total, defaults (no Lenses, no Connect), one replica each',
    ...total(w => !OPTIONAL_PARTS.has(w.part ?? '')),
  ]);
  rows.push([
    'Total, everything enabled, one replica each',
    ...total(() => true),
  ]);
  return `${table(
    ['Workload (requests per pod)', ...SIZES.map(code)],
    rows,
  )}\n`;
}
