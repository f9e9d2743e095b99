import {
  DNS1123_SUBDOMAIN,
  DNS_LABEL_MAX_LENGTH,
  DNS_SUBDOMAIN_MAX_LENGTH,
  ENV_VAR_NAME,
  isDns1123Label as isContractDns1123Label,
  isKafkaTopicName,
} from '@internal/realtime-platform-contract';

/*
 * Heuristics that keep secret data and unsafe URLs out of anything rendered.
 * They err on the side of refusing: a false positive costs a warning in the
 * card, a false negative shows a credential to every catalog reader.
 */

const SECRET_ASSIGNMENT =
  /(pass(word)?|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|client[_-]?secret|credentials?|auth)\s*[=:]/i;
const PEM = /-----BEGIN /;
const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}/;
const URL_USERINFO = /:\/\/[^/\s@]*:[^/\s@]*@/;
const BASE64_PADDED = /[A-Za-z0-9+/]{16,}={1,2}/;
const HEX_BLOB = /[0-9a-fA-F]{32,}/;
const LONG_RUN = /[A-Za-z0-9+]{20,}/g;

function looksRandom(run: string): boolean {
  const letters = /[A-Za-z]/.test(run);
  const digits = /[0-9]/.test(run);
  const mixedCase = /[a-z]/.test(run) && /[A-Z]/.test(run);
  return (
    (letters && digits) || run.includes('+') || (mixedCase && run.length >= 24)
  );
}

/**
 * Whether a string looks like secret data: `password=`/`token:` style
 * assignments, PEM blocks, JWTs, URLs with credentials, base64 or hex blobs,
 * long random-looking runs.
 *
 * @public
 */
export function looksLikeSecretValue(value: string): boolean {
  if (
    SECRET_ASSIGNMENT.test(value) ||
    PEM.test(value) ||
    JWT.test(value) ||
    URL_USERINFO.test(value) ||
    BASE64_PADDED.test(value) ||
    HEX_BLOB.test(value)
  ) {
    return true;
  }
  // Paths and snake_case split into words; a base64 blob still leaves long random runs.
  const runs = value.replace(/[_/]/g, ' ').match(LONG_RUN) ?? [];
  return runs.some(looksRandom);
}

const SECRET_QUERY =
  /[?&#](token|access_token|password|secret|key|apikey|api_key|sig|signature|auth)=/i;

/**
 * Only the unambiguous signs of a credential: assignments, PEM blocks, JWTs,
 * URLs with credentials or token parameters. Used for other tools'
 * annotations, where IDs and commit hashes are ordinary values.
 *
 * @public
 */
export function looksLikeCredential(value: string): boolean {
  return (
    SECRET_ASSIGNMENT.test(value) ||
    PEM.test(value) ||
    JWT.test(value) ||
    URL_USERINFO.test(value) ||
    SECRET_QUERY.test(value)
  );
}

const ANNOTATION_KEY_SECRET =
  /(password|passwd|token|api-?key|apikey|private-?key|client-?secret|credential|secret-?(value|data|key))/i;

/**
 * Whether an annotation key names a value that should never be in a catalog
 * (e.g. `example.com/db-password`).
 *
 * @public
 */
export function isValueBearingAnnotationKey(key: string): boolean {
  return ANNOTATION_KEY_SECRET.test(key);
}

/**
 * A Kubernetes DNS-1123 label (namespaces, platform names): at most 63
 * characters.
 *
 * @public
 */
export function isDns1123Label(value: string): boolean {
  return isContractDns1123Label(value);
}

/**
 * A Kubernetes DNS-1123 subdomain (Secret names, Service hosts): at most 253
 * characters, labels of at most 63.
 *
 * @public
 */
export function isDns1123Subdomain(value: string): boolean {
  return (
    value.length <= DNS_SUBDOMAIN_MAX_LENGTH &&
    DNS1123_SUBDOMAIN.test(value) &&
    value.split('.').every(l => l.length <= DNS_LABEL_MAX_LENGTH) &&
    !looksLikeSecretValue(value)
  );
}

/**
 * A connection-secret key: an UPPER_SNAKE environment variable name that does
 * not look like a value.
 *
 * @public
 */
export function isSafeSecretKeyName(value: string): boolean {
  return (
    value.length <= 100 &&
    ENV_VAR_NAME.test(value) &&
    !looksLikeSecretValue(value) &&
    !value.split('_').some(seg => seg.length >= 16 && /[0-9]/.test(seg))
  );
}

/**
 * A Kafka topic name that does not look like a value.
 *
 * @public
 */
export function isSafeTopicName(value: string): boolean {
  return isKafkaTopicName(value) && !looksLikeSecretValue(value);
}

/**
 * Why a URL was refused, or `undefined` when it is safe to render.
 *
 * @public
 */
export type UnsafeUrlReason =
  | 'malformed'
  | 'scheme'
  | 'credentials'
  | 'secret-in-url';

/**
 * Checks that a URL is an absolute http(s) URL without credentials or
 * secret-looking query parameters. Returns the normalised URL or the reason it
 * was refused.
 *
 * @public
 */
export function checkUrl(
  value: unknown,
): { url: string } | { refused: UnsafeUrlReason } {
  if (typeof value !== 'string' || !value.trim()) {
    return { refused: 'malformed' };
  }
  let parsed: URL;
  try {
    parsed = new URL(value.trim());
  } catch {
    return { refused: 'malformed' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { refused: 'scheme' };
  }
  if (!parsed.hostname) {
    return { refused: 'malformed' };
  }
  if (parsed.username || parsed.password) {
    return { refused: 'credentials' };
  }
  const rest = decodeSafely(`${parsed.pathname}${parsed.search}${parsed.hash}`);
  if (SECRET_QUERY.test(rest) || looksLikeSecretValue(rest)) {
    return { refused: 'secret-in-url' };
  }
  return { url: parsed.toString() };
}

function decodeSafely(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * A sentence explaining a refusal, for display.
 *
 * @public
 */
export function describeUrlRefusal(reason: UnsafeUrlReason): string {
  switch (reason) {
    case 'scheme':
      return 'only http and https URLs are allowed';
    case 'credentials':
      return 'the URL embeds credentials';
    case 'secret-in-url':
      return 'the URL appears to carry a token or other secret';
    default:
      return 'the URL is malformed';
  }
}
