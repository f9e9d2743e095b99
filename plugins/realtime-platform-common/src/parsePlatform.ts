import {
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
} from '@backstage/catalog-model';
import {
  ANNOTATION_CONNECTION_SECRET,
  ANNOTATION_CONNECTION_SECRET_KEYS,
  ANNOTATION_LENSES_HQ_URL,
  ANNOTATION_METABASE_URL,
  ANNOTATION_NAMESPACE,
  ANNOTATION_PLATFORM_NAME,
  LINK_TYPE_LENSES_HQ,
  LINK_TYPE_METABASE,
} from './annotations';
import { scanAnnotations } from './annotationScan';
import {
  annotationsOf,
  isRecord,
  kindOfRef,
  normaliseRef,
  readString,
  relationTargets,
} from './entityAccess';
import {
  isSafeLabel,
  notAString,
  parseSecretKeys,
  parseSecretRef,
  pickLink,
} from './parseHelpers';
import { RealtimePlatformModel, RealtimeProblem } from './types';
import { EXAMPLE_NAMES } from './examples';

function parseLabel(
  annotations: Record<string, unknown>,
  annotation: string,
  fix: string,
  problems: RealtimeProblem[],
): string | undefined {
  const raw = readString(annotations, annotation);
  if (raw === null) {
    problems.push(notAString(annotation));
    return undefined;
  }
  if (raw === undefined) return undefined;
  if (!isSafeLabel(raw)) {
    problems.push({
      annotation,
      message: 'The value is not a valid Kubernetes name; it is not shown.',
      fix,
      severity: 'error',
    });
    return undefined;
  }
  return raw;
}

function specDependsOnResources(entity: unknown): string[] {
  if (!isRecord(entity) || !isRecord(entity.spec)) return [];
  const dependsOn = entity.spec.dependsOn;
  if (!Array.isArray(dependsOn)) return [];
  return dependsOn
    .map(ref => normaliseRef(ref))
    .filter((ref): ref is string => !!ref && kindOfRef(ref) === 'resource');
}

/**
 * Parses a platform Component into the model the card renders. Never throws:
 * anything malformed or secret-looking is left out of the model and reported
 * in `problems`.
 *
 * @public
 */
export function parseRealtimePlatform(entity: unknown): RealtimePlatformModel {
  const problems: RealtimeProblem[] = [];
  try {
    const annotations = annotationsOf(entity);
    const platformName = parseLabel(
      annotations,
      ANNOTATION_PLATFORM_NAME,
      'Use the OAM component name of the platform, e.g. `orders-platform`.',
      problems,
    );
    const namespace = parseLabel(
      annotations,
      ANNOTATION_NAMESPACE,
      `Use the namespace the platform runs in, e.g. \`${EXAMPLE_NAMES.platformNamespace}\`.`,
      problems,
    );
    const secretRef = parseSecretRef(
      annotations,
      ANNOTATION_CONNECTION_SECRET,
      namespace,
      problems,
    );
    const keys = parseSecretKeys(
      annotations,
      ANNOTATION_CONNECTION_SECRET_KEYS,
      problems,
    );
    if (!secretRef && keys.length) {
      problems.push({
        annotation: ANNOTATION_CONNECTION_SECRET,
        message: 'Secret keys are listed but the secret they belong to is not.',
        fix: 'Add `realtime-platform.io/connection-secret: <namespace>/<secret-name>`.',
        severity: 'error',
      });
    }
    const partRefs = [
      ...new Set([
        ...relationTargets(
          entity,
          [RELATION_HAS_PART, RELATION_DEPENDS_ON],
          'resource',
        ),
        ...specDependsOnResources(entity),
      ]),
    ];
    const consumerRefs = [
      ...new Set(
        relationTargets(entity, [RELATION_DEPENDENCY_OF], 'component'),
      ),
    ];
    return {
      platformName,
      namespace,
      secret: secretRef ? { ...secretRef, keys } : undefined,
      partRefs,
      consumerRefs,
      lensesHq: pickLink(
        entity,
        LINK_TYPE_LENSES_HQ,
        ANNOTATION_LENSES_HQ_URL,
        'Lenses HQ',
        problems,
      ),
      metabase: pickLink(
        entity,
        LINK_TYPE_METABASE,
        ANNOTATION_METABASE_URL,
        'Metabase',
        problems,
      ),
      problems: [...problems, ...scanAnnotations(entity)],
    };
  } catch {
    return {
      partRefs: [],
      consumerRefs: [],
      problems: [...problems, malformedEntity()],
    };
  }
}

export function malformedEntity(): RealtimeProblem {
  return {
    annotation: 'metadata',
    message: 'The entity is malformed and could not be read.',
    fix: 'Validate the entity YAML against the Backstage entity schema.',
    severity: 'error',
  };
}
