import { platformNames } from '@internal/realtime-platform-contract';
import { RenderResult } from '@internal/realtime-platform-kit';
import {
  always,
  hasConnect,
  hasLenses,
  hasLensesMetrics,
  manifestOf,
  PARTS,
  PlatformSpec,
} from './architecture';
import { code, table } from './markdown';
import { containersOf } from './workloads';

/** The "Created" column: the conditions of {@link PARTS} in words. */
export function whenText(
  fn: ((s: PlatformSpec) => boolean) | undefined,
): string {
  if (fn === hasConnect)
    return 'when `mqtt.bridges` or `postgresql.sink.topics` is not empty';
  if (fn === hasLenses) return 'when `lenses` is set';
  if (fn === hasLensesMetrics) return 'when `lenses.metricsNamespace` is set';
  if (fn && fn !== always)
    throw new Error('a part condition has no words: add it to whenText');
  return 'always';
}

/**
 * Parts table: every composed part, its objects, ports, images and when it exists, read from
 * `full` (an application whose platform has every part).
 */
export function partsTable(full: RenderResult): string {
  const platform = full.platforms[0];
  const byName = new Map(platform.composed.map(c => [c.name, manifestOf(c)]));
  const { platformNamespace } = platformNames(
    platform.component,
    full.application.namespace,
  );
  const rows: string[][] = [];
  for (const p of PARTS.filter(x => x.resources)) {
    const objects: string[] = [];
    const ports: string[] = [];
    const images = new Set<string>();
    for (const r of p.resources!) {
      const name = typeof r === 'string' ? r : r.name;
      const m = byName.get(name);
      if (!m)
        throw new Error(
          `the comprehensive example does not compose ${name}; choose an example that has every part`,
        );
      const objName = m.metadata.name
        .replace(/-[0-9a-f]{10}$/, '-<hash>')
        .replace(platformNamespace, '<platform-namespace>')
        .replace(new RegExp(`^${platform.component}-`), '<platform>-');
      const own = typeof r === 'string' ? '' : ` (${whenText(r.when)})`;
      objects.push(`${m.kind} ${code(objName)}${own}`);
      if (m.kind === 'Service')
        ports.push(
          `${m.metadata.name} ${(m.spec?.ports ?? [])
            .map(x => x.port)
            .join(', ')}`,
        );
      const { main, init } = containersOf(m);
      for (const c of [...init, ...main]) images.add(c.image);
    }
    rows.push([
      p.label,
      objects.join(', '),
      ports.join('; ') || '–',
      [...images].map(code).join(', ') || '–',
      whenText(p.when),
    ]);
  }
  return `${table(
    ['Part', 'Objects', 'Service ports', 'Images', 'Created'],
    rows,
  )}\n`;
}
