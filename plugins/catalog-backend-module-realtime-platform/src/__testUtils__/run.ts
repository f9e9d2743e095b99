import {
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
  systemEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import {
  CatalogProcessorResult,
  EntityRelationSpec,
} from '@backstage/plugin-catalog-node';
import path from 'node:path';
import { RealtimeOamProcessor } from '../processor/RealtimeOamProcessor';
import { RealtimeCatalogOptions } from '../options';

/** Absolute path of a fixture. */
export const fixture = (name: string) =>
  path.resolve(__dirname, '../__fixtures__', name);

/** Absolute path of a file under the repository's platform/examples. */
export const example = (name: string) =>
  path.resolve(__dirname, '../../../../platform/examples', name);

export const defaultOptions: RealtimeCatalogOptions = {
  techdocsEntity: 'component:default/realtime-platform-docs',
  owner: 'group:default/realtime-platform-team',
  lifecycle: 'production',
};

/** Everything a processor emitted for one location, by result type. */
export interface Emitted {
  handled: boolean;
  entities: Entity[];
  relations: EntityRelationSpec[];
  errors: Error[];
}

/** Runs the processor on one `realtime-oam` location. */
export async function readLocation(
  target: string,
  options: Partial<RealtimeCatalogOptions> = {},
  extra: { optional?: boolean; type?: string } = {},
): Promise<Emitted> {
  const processor = new RealtimeOamProcessor({
    reader: mockServices.urlReader.mock(),
    options: { ...defaultOptions, ...options },
  });
  const results: CatalogProcessorResult[] = [];
  const handled = await processor.readLocation(
    { type: extra.type ?? 'realtime-oam', target },
    extra.optional ?? false,
    r => results.push(r),
  );
  return {
    handled,
    entities: results.flatMap(r => (r.type === 'entity' ? [r.entity] : [])),
    relations: results.flatMap(r =>
      r.type === 'relation' ? [r.relation] : [],
    ),
    errors: results.flatMap(r => (r.type === 'error' ? [r.error] : [])),
  };
}

const policy = EntityPolicies.allOf([
  new SchemaValidEntityPolicy(),
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
]);
const kindValidators = [
  componentEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
];

/**
 * Validates an entity with the catalog-model's default policies and kind
 * validators, as the catalog does; throws on the first violation.
 */
export async function validateEntity(entity: Entity): Promise<void> {
  await policy.enforce(entity);
  const matched = await Promise.all(kindValidators.map(v => v.check(entity)));
  if (!matched.some(Boolean)) {
    throw new Error(`no kind validator accepted ${entity.kind}`);
  }
}

/** Finds an emitted entity by kind and name. */
export function find(entities: Entity[], kind: string, name: string): Entity {
  const found = entities.find(e => e.kind === kind && e.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} emitted`);
  return found;
}
