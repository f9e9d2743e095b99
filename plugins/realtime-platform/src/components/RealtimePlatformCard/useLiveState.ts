import { Entity } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/core-plugin-api';
import { kubernetesApiRef } from '@backstage/plugin-kubernetes-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { isBackendMissing, LiveState, liveStateOf } from './liveState';

/** The card's live state: off, loading, failed, or what the cluster says. */
export type LiveView =
  | { kind: 'off' }
  | { kind: 'loading' }
  | { kind: 'error'; error: Error }
  | LiveState;

/**
 * The platform's live state through Backstage's Kubernetes plugin: one request for the entity per
 * refresh (its backend fans out to each cluster). Off when the app has no Kubernetes API or the
 * backend has no cluster configured; never reads a Secret (the backend's object types hold none).
 */
export function useLiveState(entity: Entity): {
  view: LiveView;
  refresh: () => void;
} {
  const kubernetesApi = useApiHolder().get(kubernetesApiRef);
  const state = useAsyncRetry(async (): Promise<LiveView> => {
    if (!kubernetesApi) return { kind: 'off' };
    try {
      return liveStateOf(
        await kubernetesApi.getObjectsByEntity({ entity, auth: {} }),
      );
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      return isBackendMissing(error)
        ? { kind: 'off' }
        : { kind: 'error', error };
    }
  }, [kubernetesApi, entity]);
  let view: LiveView = state.value ?? { kind: 'loading' };
  if (state.loading && !state.value) view = { kind: 'loading' };
  return { view, refresh: state.retry };
}
