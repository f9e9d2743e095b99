import { annotationsOf, isRecord, readString, splitList } from './entityAccess';
import {
  checkUrl,
  describeUrlRefusal,
  isDns1123Label,
  isDns1123Subdomain,
  isSafeSecretKeyName,
  isSafeTopicName,
  looksLikeSecretValue,
} from './safety';
import { RealtimeProblem, SafeLink, SecretKey } from './types';
import { EXAMPLE_NAMES } from './examples';

export function notAString(annotation: string): RealtimeProblem {
  return {
    annotation,
    message: 'The annotation is not a string.',
    fix: 'Quote the value in the YAML.',
    severity: 'error',
  };
}

/** A DNS-1123 label that does not look like a value (platform names, namespaces). */
export function isSafeLabel(value: string): boolean {
  return isDns1123Label(value) && !looksLikeSecretValue(value);
}

export function parseSecretRef(
  annotations: Record<string, unknown>,
  annotation: string,
  fallbackNamespace: string | undefined,
  problems: RealtimeProblem[],
): { name: string; namespace: string } | undefined {
  const raw = readString(annotations, annotation);
  if (raw === null) {
    problems.push(notAString(annotation));
    return undefined;
  }
  if (raw === undefined) return undefined;
  const parts = raw.split('/');
  const [namespace, name] =
    parts.length === 1 ? [fallbackNamespace, parts[0]] : parts;
  if (
    parts.length > 2 ||
    !namespace ||
    !name ||
    !isSafeLabel(namespace) ||
    !isDns1123Subdomain(name)
  ) {
    problems.push({
      annotation,
      message:
        'The connection secret reference is malformed or looks like secret data; it is not shown.',
      fix: `Write \`<namespace>/<secret-name>\` (Kubernetes names, lower case), e.g. \`${EXAMPLE_NAMES.connectionSecretRef}\`. Never put secret data in the catalog.`,
      severity: 'error',
    });
    return undefined;
  }
  return { name, namespace };
}

export function parseSecretKeys(
  annotations: Record<string, unknown>,
  annotation: string,
  problems: RealtimeProblem[],
): SecretKey[] {
  const raw = readString(annotations, annotation);
  if (raw === null) {
    problems.push(notAString(annotation));
    return [];
  }
  if (raw === undefined) return [];
  const keys: SecretKey[] = [];
  let refused = 0;
  for (const key of splitList(raw)) {
    if (!isSafeSecretKeyName(key)) {
      refused++;
    } else if (!keys.some(k => k.key === key)) {
      keys.push({ key, envVar: key });
    }
  }
  if (refused) {
    problems.push({
      annotation,
      message: `${refused} ${
        refused === 1 ? 'entry is' : 'entries are'
      } not a valid key name or look like secret data, and ${
        refused === 1 ? 'is' : 'are'
      } not shown.`,
      fix: 'List key names only, comma-separated, as UPPER_SNAKE environment variable names (e.g. `KAFKA_BOOTSTRAP_SERVERS`). Never values.',
      severity: 'error',
    });
  }
  return keys;
}

export function parseTopics(
  annotations: Record<string, unknown>,
  annotation: string,
  problems: RealtimeProblem[],
): string[] {
  const raw = readString(annotations, annotation);
  if (raw === null) {
    problems.push(notAString(annotation));
    return [];
  }
  if (raw === undefined) return [];
  const topics: string[] = [];
  let refused = 0;
  for (const topic of splitList(raw)) {
    if (!isSafeTopicName(topic)) refused++;
    else if (!topics.includes(topic)) topics.push(topic);
  }
  if (refused) {
    problems.push({
      annotation,
      message: `${refused} topic ${
        refused === 1 ? 'name is' : 'names are'
      } invalid or look like secret data, and not shown.`,
      fix: 'List Kafka topic names, comma-separated (letters, digits, `.`, `_`, `-`).',
      severity: 'error',
    });
  }
  return topics;
}

/**
 * Picks the first link for a tool: `metadata.links` entries of `linkType`,
 * then the annotation. Refused candidates are reported, and the next one is
 * tried.
 */
export function pickLink(
  entity: unknown,
  linkType: string,
  annotation: string,
  label: string,
  problems: RealtimeProblem[],
): SafeLink | undefined {
  const candidates: Array<{
    value: unknown;
    title?: string;
    source: SafeLink['source'];
    field: string;
  }> = [];
  const metadata =
    isRecord(entity) && isRecord(entity.metadata) ? entity.metadata : {};
  if (Array.isArray(metadata.links)) {
    for (const link of metadata.links) {
      if (isRecord(link) && link.type === linkType) {
        candidates.push({
          value: link.url,
          title: typeof link.title === 'string' ? link.title : undefined,
          source: 'metadata.links',
          field: `metadata.links (type ${linkType})`,
        });
      }
    }
  }
  const annotations = annotationsOf(entity);
  const raw = readString(annotations, annotation);
  if (raw === null) problems.push(notAString(annotation));
  else if (raw !== undefined) {
    candidates.push({ value: raw, source: 'annotation', field: annotation });
  }
  for (const candidate of candidates) {
    const checked = checkUrl(candidate.value);
    if ('url' in checked) {
      const title =
        candidate.title && !looksLikeSecretValue(candidate.title)
          ? candidate.title.slice(0, 80)
          : undefined;
      return { url: checked.url, title, source: candidate.source };
    }
    problems.push({
      annotation: candidate.field,
      message: `${label} link refused: ${describeUrlRefusal(checked.refused)}.`,
      fix: 'Use an absolute http(s) URL without credentials or tokens.',
      severity: 'error',
    });
  }
  return undefined;
}
