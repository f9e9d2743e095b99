import { PartType } from './entityTypes';

/**
 * A problem found while parsing an entity. `message` and `fix` name the
 * annotation or field but never repeat the offending value, so a problem can
 * be rendered even when the value was secret data.
 *
 * @public
 */
export interface RealtimeProblem {
  /** The annotation key or entity field at fault, e.g. `metadata.links`. */
  annotation: string;
  /** What is wrong. */
  message: string;
  /** How to fix it. */
  fix: string;
  /** `error`: the value was dropped; `warning`: kept, but suspicious. */
  severity: 'error' | 'warning';
}

/**
 * One key of a connection secret and the environment variable it becomes in
 * a consumer (the secret is injected with `envFrom` and no prefix).
 *
 * @public
 */
export interface SecretKey {
  key: string;
  envVar: string;
}

/**
 * A reference to a Kubernetes Secret: names and keys only, never data.
 *
 * @public
 */
export interface ConnectionSecretRef {
  name: string;
  namespace: string;
  keys: SecretKey[];
}

/**
 * A safe external link (http or https only).
 *
 * @public
 */
export interface SafeLink {
  url: string;
  title?: string;
  /** Where the URL came from. */
  source: 'metadata.links' | 'annotation' | 'config';
}

/**
 * The parsed model of a platform Component.
 *
 * @public
 */
export interface RealtimePlatformModel {
  /** `realtime-platform.io/platform-name`, when present and valid. */
  platformName?: string;
  namespace?: string;
  secret?: ConnectionSecretRef;
  /** Entity refs of the part Resources, deduplicated, in declaration order. */
  partRefs: string[];
  /** Entity refs of the Components that depend on the platform. */
  consumerRefs: string[];
  lensesHq?: SafeLink;
  metabase?: SafeLink;
  problems: RealtimeProblem[];
}

/**
 * The parsed model of one part Resource.
 *
 * @public
 */
export interface RealtimePartModel {
  /** The part's entity ref. */
  ref: string;
  /** `spec.type` when it is one of the known part types. */
  type?: PartType;
  host?: string;
  port?: number;
  problems: RealtimeProblem[];
}

/**
 * The parsed model of a consumer Component.
 *
 * @public
 */
export interface RealtimeConsumerModel {
  /** The platform's entity ref, normalised (`component:default/name`). */
  platformRef?: string;
  /** The injected secret; keys are not declared on consumers. */
  secret?: Omit<ConnectionSecretRef, 'keys'>;
  produces: string[];
  consumes: string[];
  problems: RealtimeProblem[];
}
