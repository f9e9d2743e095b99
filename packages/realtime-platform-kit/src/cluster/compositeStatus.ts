import { RenderResult } from '../kit';
import { KubeClient } from './kubeClient';

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
      ? {
          type: 'Ready',
          status: 'False',
          reason: 'Creating',
          message: `Unready resources: ${unready.join(', ')}`,
        }
      : { type: 'Ready', status: 'True', reason: 'Available' },
  ];
}

/**
 * Writes what Crossplane's reconciler writes on a composite: `spec.crossplane.compositionRef`
 * (from the XRD's default) and the conditions, through the status subresource. Crossplane cannot
 * run here, so tests set it (labelled as such wherever the result is shown).
 */
export async function setCompositeConditions(
  client: KubeClient,
  result: RenderResult,
  component: string,
  conditions: CompositeCondition[],
  composition?: string,
): Promise<void> {
  const platform = result.platforms.find(p => p.component === component);
  if (!platform)
    throw new Error(
      `no realtime-platform component ${component} in ${result.file}`,
    );
  const xr = {
    ...platform.xr,
    metadata: {
      ...platform.xr.metadata,
      namespace: result.application.namespace,
    },
  };
  if (composition)
    await client.mergePatch(
      xr,
      { spec: { crossplane: { compositionRef: { name: composition } } } },
      { fieldManager: 'crossplane' },
    );
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const patch = {
    status: {
      conditions: conditions.map(c => ({ ...c, lastTransitionTime: now })),
    },
  };
  await client.mergePatch(xr, patch, {
    subresource: 'status',
    fieldManager: 'crossplane',
  });
}
