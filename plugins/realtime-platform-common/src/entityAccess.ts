import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { looksLikeSecretValue } from './safety';

/*
 * Entities reach the parsers from YAML written by hand, so every field is
 * treated as unknown until checked.
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function annotationsOf(entity: unknown): Record<string, unknown> {
  if (!isRecord(entity) || !isRecord(entity.metadata)) return {};
  const annotations = entity.metadata.annotations;
  return isRecord(annotations) ? annotations : {};
}

/** Trimmed string value, `undefined` when absent or blank, `null` when not a string. */
export function readString(
  record: Record<string, unknown>,
  key: string,
): string | undefined | null {
  if (!Object.prototype.hasOwnProperty.call(record, key)) return undefined;
  const value = record[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed ? trimmed : undefined;
}

export function splitList(value: string): string[] {
  return value
    .split(',')
    .map(v => v.trim())
    .filter(Boolean);
}

const ENTITY_NAME = /^([a-zA-Z0-9]+[-_.])*[a-zA-Z0-9]+$/;

/** Normalised entity ref, or `undefined` when the ref is malformed or value-like. */
export function normaliseRef(
  ref: unknown,
  defaultKind?: string,
): string | undefined {
  if (
    typeof ref !== 'string' ||
    ref.length > 300 ||
    looksLikeSecretValue(ref)
  ) {
    return undefined;
  }
  try {
    const parsed = parseEntityRef(ref.trim(), {
      defaultKind,
      defaultNamespace: 'default',
    });
    const parts = [parsed.kind, parsed.namespace, parsed.name];
    if (!parts.every(p => p.length <= 63 && ENTITY_NAME.test(p))) {
      return undefined;
    }
    return stringifyEntityRef(parsed);
  } catch {
    return undefined;
  }
}

export function kindOfRef(ref: string): string {
  return ref.slice(0, ref.indexOf(':')).toLocaleLowerCase('en-US');
}

/** The entity's own ref, or `undefined` when its metadata is malformed. */
export function refOfEntity(entity: unknown): string | undefined {
  if (!isRecord(entity) || !isRecord(entity.metadata)) return undefined;
  const { kind } = entity;
  const { name, namespace } = entity.metadata;
  if (typeof kind !== 'string' || typeof name !== 'string') return undefined;
  return normaliseRef(
    `${kind}:${typeof namespace === 'string' ? namespace : 'default'}/${name}`,
  );
}

/** Targets of the entity's relations of the given types, by target kind. */
export function relationTargets(
  entity: unknown,
  types: string[],
  targetKind: string,
): string[] {
  if (!isRecord(entity) || !Array.isArray(entity.relations)) return [];
  const wanted = types.map(t => t.toLocaleLowerCase('en-US'));
  const refs: string[] = [];
  for (const relation of entity.relations) {
    if (!isRecord(relation) || typeof relation.type !== 'string') continue;
    if (!wanted.includes(relation.type.toLocaleLowerCase('en-US'))) continue;
    const ref = normaliseRef(relation.targetRef);
    if (ref && kindOfRef(ref) === targetKind) refs.push(ref);
  }
  return refs;
}

export type { Entity };
