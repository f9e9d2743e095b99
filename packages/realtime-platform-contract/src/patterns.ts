/** Kubernetes limit for a DNS-1123 / DNS-1035 label (namespaces, Service and component names). */
export const DNS_LABEL_MAX_LENGTH = 63;

/** Kubernetes limit for a DNS-1123 subdomain (Secret names, hosts). */
export const DNS_SUBDOMAIN_MAX_LENGTH = 253;

/** A DNS-1123 label: application names and namespaces, platform component names. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1035 label: realtime-webservice component names (they name a Service). */
export const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1123 subdomain: dot-separated DNS-1123 labels. */
export const DNS1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Characters of a Kafka topic name (Kafka's `Topic.validate`), at most {@link KAFKA_TOPIC_MAX_LENGTH}. */
export const KAFKA_TOPIC_NAME = /^[a-zA-Z0-9._-]+$/;

/** Kafka's limit for a topic name. */
export const KAFKA_TOPIC_MAX_LENGTH = 249;

/** A valid environment variable name (POSIX portable); every connection-secret key is one. */
export const ENV_VAR_NAME = /^[A-Z_][A-Z0-9_]*$/;

/** Whether `value` is a DNS-1123 label of at most 63 characters. */
export function isDns1123Label(value: string): boolean {
  return value.length <= DNS_LABEL_MAX_LENGTH && DNS1123_LABEL.test(value);
}

/** Whether `value` is a Kafka topic name (pattern, length, not `.` or `..`). */
export function isKafkaTopicName(value: string): boolean {
  return (
    value.length <= KAFKA_TOPIC_MAX_LENGTH &&
    KAFKA_TOPIC_NAME.test(value) &&
    value !== '.' &&
    value !== '..'
  );
}
