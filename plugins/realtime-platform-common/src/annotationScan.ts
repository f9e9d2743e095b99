import { KNOWN_ANNOTATIONS, REALTIME_PLATFORM_DOMAIN } from './annotations';
import { annotationsOf } from './entityAccess';
import {
  isValueBearingAnnotationKey,
  looksLikeCredential,
  looksLikeSecretValue,
} from './safety';
import { RealtimeProblem } from './types';

const PRINTABLE_KEY = /^[a-zA-Z0-9._/-]{1,253}$/;

/** An annotation key that is safe to print in a problem message. */
export function displayKey(key: string): string {
  return PRINTABLE_KEY.test(key) && !looksLikeSecretValue(key)
    ? key
    : 'an annotation with a value-like name';
}

/**
 * Reports annotations that carry, or look like they carry, secret data.
 * Values are never repeated in the problems.
 */
export function scanAnnotations(entity: unknown): RealtimeProblem[] {
  const problems: RealtimeProblem[] = [];
  for (const [key, value] of Object.entries(annotationsOf(entity))) {
    if (KNOWN_ANNOTATIONS.includes(key)) continue;
    const shown = displayKey(key);
    if (isValueBearingAnnotationKey(key)) {
      problems.push({
        annotation: shown,
        message:
          'This annotation looks like it holds a credential; the card ignores it.',
        fix: 'Remove it from the entity. Reference the Kubernetes Secret by name with realtime-platform.io/connection-secret instead.',
        severity: 'error',
      });
    } else if (key.startsWith(`${REALTIME_PLATFORM_DOMAIN}/`)) {
      problems.push({
        annotation: shown,
        message: 'Unknown realtime-platform annotation; the card ignores it.',
        fix: 'Use only the annotations documented in the realtime-platform-common README.',
        severity: 'warning',
      });
    } else if (typeof value === 'string' && looksLikeCredential(value)) {
      problems.push({
        annotation: shown,
        message: 'The value of this annotation looks like a credential.',
        fix: 'Remove the secret from the catalog and rotate it; catalog data is readable by every portal user.',
        severity: 'warning',
      });
    }
  }
  return problems;
}
