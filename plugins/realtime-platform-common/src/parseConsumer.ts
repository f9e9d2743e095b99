import {
  ANNOTATION_CONNECTION_SECRET,
  ANNOTATION_CONSUMES_TOPICS,
  ANNOTATION_PLATFORM_REF,
  ANNOTATION_PRODUCES_TOPICS,
} from './annotations';
import { scanAnnotations } from './annotationScan';
import { annotationsOf, normaliseRef, readString } from './entityAccess';
import { notAString, parseSecretRef, parseTopics } from './parseHelpers';
import { malformedEntity } from './parsePlatform';
import { RealtimeConsumerModel, RealtimeProblem } from './types';

/**
 * Parses a consumer Component (a `realtime-webservice` with `realtime:`). Never throws.
 *
 * @public
 */
export function parseRealtimeConsumer(entity: unknown): RealtimeConsumerModel {
  const problems: RealtimeProblem[] = [];
  try {
    const annotations = annotationsOf(entity);
    const raw = readString(annotations, ANNOTATION_PLATFORM_REF);
    let platformRef: string | undefined;
    if (raw === null) problems.push(notAString(ANNOTATION_PLATFORM_REF));
    else if (raw !== undefined) {
      platformRef = normaliseRef(raw, 'component');
      if (!platformRef) {
        problems.push({
          annotation: ANNOTATION_PLATFORM_REF,
          message: 'The platform reference is not a valid entity ref.',
          fix: 'Write the platform entity ref, e.g. `component:default/orders-platform`.',
          severity: 'error',
        });
      }
    }
    return {
      platformRef,
      secret: parseSecretRef(
        annotations,
        ANNOTATION_CONNECTION_SECRET,
        undefined,
        problems,
      ),
      produces: parseTopics(annotations, ANNOTATION_PRODUCES_TOPICS, problems),
      consumes: parseTopics(annotations, ANNOTATION_CONSUMES_TOPICS, problems),
      problems: [...problems, ...scanAnnotations(entity)],
    };
  } catch {
    return {
      produces: [],
      consumes: [],
      problems: [...problems, malformedEntity()],
    };
  }
}
