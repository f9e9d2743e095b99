import { SERVICES, serviceHost } from '@internal/realtime-platform-contract';
import { ANNOTATION_HOST, ANNOTATION_PORT } from './annotations';
import { scanAnnotations } from './annotationScan';
import {
  annotationsOf,
  isRecord,
  readString,
  refOfEntity,
} from './entityAccess';
import { isPartType, PART_TYPES, PartType } from './entityTypes';
import { notAString } from './parseHelpers';
import { malformedEntity } from './parsePlatform';
import { isDns1123Subdomain } from './safety';
import { RealtimePartModel, RealtimeProblem } from './types';
import { EXAMPLE_NAMES } from './examples';

const EXAMPLE_HOST = serviceHost(
  SERVICES.kafka.name,
  EXAMPLE_NAMES.platformNamespace,
);

/**
 * Parses a part Resource (Kafka, schema registry, ...). `fallbackRef` names
 * the part when the entity's own metadata is unusable. Never throws.
 *
 * @public
 */
export function parseRealtimePart(
  entity: unknown,
  fallbackRef: string,
): RealtimePartModel {
  const problems: RealtimeProblem[] = [];
  const ref = refOfEntity(entity) ?? fallbackRef;
  try {
    const annotations = annotationsOf(entity);
    const specType =
      isRecord(entity) && isRecord(entity.spec) ? entity.spec.type : undefined;
    let type: PartType | undefined;
    if (isPartType(specType)) type = specType;
    else {
      problems.push({
        annotation: 'spec.type',
        message: 'Unknown part type.',
        fix: `Use one of: ${Object.values(PART_TYPES).join(', ')}.`,
        severity: 'warning',
      });
    }
    let host: string | undefined;
    const rawHost = readString(annotations, ANNOTATION_HOST);
    if (rawHost === null) problems.push(notAString(ANNOTATION_HOST));
    else if (rawHost !== undefined) {
      if (isDns1123Subdomain(rawHost)) host = rawHost;
      else {
        problems.push({
          annotation: ANNOTATION_HOST,
          message:
            'The host is not a valid in-cluster DNS name; it is not shown.',
          fix: `Use the Service DNS name, e.g. \`${EXAMPLE_HOST}\`.`,
          severity: 'error',
        });
      }
    }
    let port: number | undefined;
    const rawPort = readString(annotations, ANNOTATION_PORT);
    if (rawPort === null) problems.push(notAString(ANNOTATION_PORT));
    else if (rawPort !== undefined) {
      const n = /^\d{1,5}$/.test(rawPort) ? Number(rawPort) : NaN;
      if (n >= 1 && n <= 65535) port = n;
      else {
        problems.push({
          annotation: ANNOTATION_PORT,
          message: 'The port is not a number between 1 and 65535.',
          fix: `Write the Service port as a quoted number, e.g. \`"${SERVICES.kafka.port}"\`.`,
          severity: 'error',
        });
      }
    }
    return {
      ref,
      type,
      host,
      port,
      problems: [...problems, ...scanAnnotations(entity)],
    };
  } catch {
    return { ref, problems: [...problems, malformedEntity()] };
  }
}
