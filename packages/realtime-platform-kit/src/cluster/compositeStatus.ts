import { RenderResult } from '../kit';
import { Kubectl } from './kubectl';

/** One condition of a Crossplane resource (crossplane-runtime `xpv1.Condition`). */
export interface CompositeCondition {
  type: 'Synced' | 'Ready';
  status: 'True' | 'False';
  reason: string;
  message?: string;
}

/** The conditions Crossplane sets on a composite: reconciled, and Ready once every composed resource is. */
export function compositeConditions(unready: string[]): CompositeCondition[] {
  return [
    { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
    unready.length
      ? { type: 'Ready', status: 'False', reason: 'Creating', message: `Unready resources: ${unready.join(', ')}` }
      : { type: 'Ready', status: 'True', reason: 'Available' },
  ];
}

/**
 * Writes composite conditions through the status subresource. Crossplane cannot run here, so
 * tests set what it would set (labelled as such wherever the result is shown).
 */
export async function setCompositeConditions(
  kubectl: Kubectl,
  result: RenderResult,
  component: string,
  conditions: CompositeCondition[],
): Promise<void> {
  const platform = result.platforms.find(p => p.component === component);
  if (!platform) throw new Error(`no realtime-platform component ${component} in ${result.file}`);
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const patch = { status: { conditions: conditions.map(c => ({ ...c, lastTransitionTime: now })) } };
  await kubectl.run([
    'patch', platform.xr.kind.toLowerCase(), platform.xr.metadata.name,
    '-n', result.application.namespace, '--subresource=status', '--type', 'merge', '-p', JSON.stringify(patch),
  ]);
}
