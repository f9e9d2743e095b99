import { decodeSecretValue } from '@internal/realtime-platform-kit';
import { PlatformContext, manifestOf } from './context';
import { pairKey, resourceOwner } from './parts';

const CONNECTIONS_FILE =
  'packages/realtime-platform-docgen/src/guide/architecture/connections.ts';

/** Service name → the part that owns it. */
export const SERVICE_OWNER: Record<string, string> = {
  kafka: 'kafka',
  'kafka-headless': 'kafka',
  'schema-registry': 'schema_registry',
  mqtt: 'mqtt',
  connect: 'connect',
  postgresql: 'postgresql',
  metabase: 'metabase',
  'lenses-hq': 'lenses_hq',
};

/**
 * Connections found in the rendered objects: a part whose manifest names another part's Service
 * (`<service>.<platform namespace>.svc.cluster.local`). Connector configs that the connectors Job
 * PUTs are Kafka Connect's connections; the addresses in the connection secret are the connections
 * of the webservices that receive it; the analytics database the Metabase setup Job registers is
 * Metabase's. Result: pair key → why (one reason per place found).
 */
export function discoveredConnections(
  ctx: PlatformContext,
): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const add = (a: string, b: string, why: string) => {
    if (a === b) return;
    const k = pairKey(a, b);
    if (!found.has(k)) found.set(k, []);
    found.get(k)!.push(why);
  };
  const hostRe = new RegExp(
    `([a-z0-9-]+)\\.${ctx.svcSuffix.replace(/\./g, '\\.')}`,
    'g',
  );
  const services = (s: string) => [...s.matchAll(hostRe)].map(m => m[1]);
  for (const c of ctx.platform.composed) {
    const owner = resourceOwner.get(c.name);
    const json = JSON.stringify(manifestOf(c));
    if (c.name === 'connection') {
      const values = Object.values<string>(c.resource.data ?? {})
        .map(decodeSecretValue)
        .join('\n');
      for (const s of services(values))
        for (const w of ctx.webservices)
          add(
            'webservice',
            SERVICE_OWNER[s],
            `${w.name} gets ${s} in ${ctx.names.connectionSecret}`,
          );
      continue;
    }
    if (!owner) continue;
    if (c.name === 'connectors') {
      for (const body of json.match(/--data '\{.*?\}'/g) ?? []) {
        for (const s of services(body))
          add('connect', SERVICE_OWNER[s], `connector config names ${s}`);
      }
      if (services(json).includes('connect'))
        add(
          'connectors_job',
          'connect',
          'the connectors Job PUTs connector configs to connect',
        );
      continue;
    }
    if (c.name === 'metabase-setup') {
      if (
        json.includes('"engine":"postgres"') &&
        services(json).includes('postgresql')
      )
        add(
          'metabase',
          'postgresql',
          'the setup Job registers the analytics database in Metabase',
        );
      if (services(json).includes('metabase'))
        add(
          'metabase_setup',
          'metabase',
          'the setup Job calls the Metabase API',
        );
      continue;
    }
    for (const s of services(json)) {
      if (!SERVICE_OWNER[s])
        throw new Error(
          `${c.name} names service ${s}, which no part owns (${CONNECTIONS_FILE} SERVICE_OWNER)`,
        );
      add(owner, SERVICE_OWNER[s], `${c.name} names ${s}`);
    }
  }
  return found;
}
