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
  /** The key in the Secret (an UPPER_SNAKE name). */
  key: string;
  /** The environment variable it becomes in a consumer. */
  envVar: string;
}

/**
 * A reference to a Kubernetes Secret: names and keys only, never data.
 *
 * @public
 */
export interface ConnectionSecretRef {
  /** Name of the Secret. */
  name: string;
  /** Kubernetes namespace of the Secret. */
  namespace: string;
  /** The keys the Secret declares, in declaration order. */
  keys: SecretKey[];
}

/**
 * A safe external link (http or https only).
 *
 * @public
 */
export interface SafeLink {
  /** The checked http(s) URL. */
  url: string;
  /** The link's title, when it has one. */
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
  /** `realtime-platform.io/namespace`: the platform namespace, when present and valid. */
  namespace?: string;
  /** The connection secret and its keys, when declared and valid. */
  secret?: ConnectionSecretRef;
  /** Entity refs of the part Resources, deduplicated, in declaration order. */
  partRefs: string[];
  /** Entity refs of the Components that depend on the platform. */
  consumerRefs: string[];
  /** Link to the platform's Lenses HQ, when one is declared and safe. */
  lensesHq?: SafeLink;
  /** Link to the platform's Metabase, when one is declared and safe. */
  metabase?: SafeLink;
  /** Problems found while parsing the entity; none repeats the offending value. */
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
  /** `realtime-platform.io/host`: the part's in-cluster host, when present and valid. */
  host?: string;
  /** `realtime-platform.io/port`: the part's port, when present and valid. */
  port?: number;
  /** Problems found while parsing the entity; none repeats the offending value. */
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
  /** Topics the consumer produces to (`realtime-platform.io/produces-topics`). */
  produces: string[];
  /** Topics the consumer consumes from (`realtime-platform.io/consumes-topics`). */
  consumes: string[];
  /** Problems found while parsing the entity; none repeats the offending value. */
  problems: RealtimeProblem[];
}
