import { Entity } from '@backstage/catalog-model';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_PLATFORM_NAME,
  checkUrl,
  describeUrlRefusal,
  isRealtimePlatformConsumer,
  parseRealtimeConsumer,
  parseRealtimePlatform,
  RealtimeConsumerModel,
  RealtimePlatformModel,
  RealtimeProblem,
  SafeLink,
} from '@internal/plugin-realtime-platform-common';
import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';

/** What the card shows for the current entity, before related entities load. */
export type RealtimeView =
  | { kind: 'missing' }
  | { kind: 'platform'; model: RealtimePlatformModel }
  | { kind: 'consumer'; model: RealtimeConsumerModel };

/** Related entities by ref; `undefined` marks a ref missing from the catalog. */
export type RelatedEntities = Map<string, Entity | undefined>;

const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.type',
];

function fillFromConfig(
  link: SafeLink | undefined,
  base: string | undefined,
  model: RealtimePlatformModel,
  label: string,
  problems: RealtimeProblem[],
): SafeLink | undefined {
  if (link || !base) return link;
  const url = base
    .replace(/\{name\}/g, model.platformName ?? '')
    .replace(/\{namespace\}/g, model.namespace ?? '');
  const checked = checkUrl(url);
  if ('url' in checked) return { url: checked.url, source: 'config' };
  problems.push({
    annotation: 'app-config realtimePlatform',
    message: `${label} link refused: ${describeUrlRefusal(checked.refused)}.`,
    fix: 'Set an absolute http(s) base URL in app-config.',
    severity: 'error',
  });
  return undefined;
}

function refsOf(view: RealtimeView): string[] {
  if (view.kind === 'platform') {
    return [...new Set([...view.model.partRefs, ...view.model.consumerRefs])];
  }
  if (view.kind === 'consumer' && view.model.platformRef) {
    return [view.model.platformRef];
  }
  return [];
}

/**
 * Parses the entity and loads every related entity (parts and consumers, or
 * the consumed platform) in one batched `getEntitiesByRefs` request.
 */
export function useRealtimePlatform(entity: Entity) {
  const catalogApi = useApi(catalogApiRef);
  const config = useApi(configApiRef);
  const lensesBase = config.getOptionalString('realtimePlatform.lensesBaseUrl');
  const metabaseBase = config.getOptionalString(
    'realtimePlatform.metabaseBaseUrl',
  );

  const view = useMemo<RealtimeView>(() => {
    if (isRealtimePlatformConsumer(entity)) {
      return { kind: 'consumer', model: parseRealtimeConsumer(entity) };
    }
    const model = parseRealtimePlatform(entity);
    if (
      !model.platformName &&
      !model.problems.some(p => p.annotation === ANNOTATION_PLATFORM_NAME)
    ) {
      return { kind: 'missing' };
    }
    const problems = [...model.problems];
    const withLinks: RealtimePlatformModel = {
      ...model,
      lensesHq: fillFromConfig(
        model.lensesHq,
        lensesBase,
        model,
        'Lenses HQ',
        problems,
      ),
      metabase: fillFromConfig(
        model.metabase,
        metabaseBase,
        model,
        'Metabase',
        problems,
      ),
    };
    return { kind: 'platform', model: { ...withLinks, problems } };
  }, [entity, lensesBase, metabaseBase]);

  const refs = useMemo(() => refsOf(view), [view]);
  const refsKey = refs.join('\n');

  const related = useAsyncRetry(async (): Promise<RelatedEntities> => {
    if (!refs.length) return new Map();
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: refs,
      fields: FIELDS,
    });
    return new Map(refs.map((ref, i) => [ref, items[i] ?? undefined]));
    // refsKey stands for refs: a new array with the same refs must not refetch
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, refsKey]);

  return { view, related };
}
