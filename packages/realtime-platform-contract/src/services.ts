/** A Service the Composition creates in the platform namespace, with one of its ports. */
export interface ServiceEndpoint {
  /** Name of the Service in the platform namespace. */
  name: string;
  /** Port a client connects to. */
  port: number;
}

/**
 * The client-facing Services of a platform and their ports, as the Composition creates them
 * (the contract test in the kit renders every shape and compares).
 */
export const SERVICES = {
  kafka: { name: 'kafka', port: 9092 },
  schemaRegistry: { name: 'schema-registry', port: 8081 },
  mqtt: { name: 'mqtt', port: 1883 },
  /** The TLS listener, with `mqtt.tls`; then the application namespace reaches no 1883. */
  mqttTls: { name: 'mqtt', port: 8883 },
  mqttWebSocket: { name: 'mqtt', port: 9001 },
  lensesHq: { name: 'lenses-hq', port: 8080 },
  metabase: { name: 'metabase', port: 3000 },
  postgresql: { name: 'postgresql', port: 5432 },
} as const satisfies Record<string, ServiceEndpoint>;

/**
 * DNS suffix of a Service after its namespace. The connection secret's values use the full
 * name, so the catalog and the card show the same host a client reads from the secret.
 */
export const SERVICE_DNS_SUFFIX = 'svc.cluster.local';

/** In-cluster DNS name of a Service: `<service>.<platform-namespace>.svc.cluster.local`. */
export function serviceHost(service: string, platformNs: string): string {
  return `${service}.${platformNs}.${SERVICE_DNS_SUFFIX}`;
}

/**
 * Inverse of {@link serviceHost}: the Service and namespace of an in-cluster host, or undefined
 * when the host is not of that form.
 */
export function parseServiceHost(
  host: string,
): { service: string; namespace: string } | undefined {
  const suffix = `.${SERVICE_DNS_SUFFIX}`;
  if (!host.endsWith(suffix)) return undefined;
  const [service, namespace, ...rest] = host
    .slice(0, -suffix.length)
    .split('.');
  if (!service || !namespace || rest.length) return undefined;
  return { service, namespace };
}
