import {
  ComposedResource,
  decodeSecretValue,
} from '@internal/realtime-platform-kit';
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

/** What the readers of one composed resource share: the Services a text names, and the result. */
interface Finder {
  services(s: string): string[];
  add(a: string, b: string, why: string): void;
}

/** The connection secret: every webservice that receives it connects to each Service it names. */
function secretConnections(
  ctx: PlatformContext,
  c: ComposedResource,
  f: Finder,
): void {
  const values = Object.values<string>(c.resource.data ?? {})
    .map(decodeSecretValue)
    .join('\n');
  for (const s of f.services(values))
    for (const w of ctx.webservices)
      f.add(
        'webservice',
        SERVICE_OWNER[s],
        `${w.name} gets ${s} in ${ctx.names.connectionSecret}`,
      );
}

/** The Services named in the configs the Job PUTs are Kafka Connect's connections, not the Job's. */
function connectorsJobConnections(json: string, f: Finder): void {
  for (const body of json.match(/--data '\{.*?\}'/g) ?? []) {
    for (const s of f.services(body))
      f.add('connect', SERVICE_OWNER[s], `connector config names ${s}`);
  }
  if (f.services(json).includes('connect'))
    f.add(
      'connectors_job',
      'connect',
      'the connectors Job PUTs connector configs to connect',
    );
}

/** The analytics database the setup Job registers is Metabase's connection, not the Job's. */
function metabaseSetupConnections(json: string, f: Finder): void {
  if (
    json.includes('"engine":"postgres"') &&
    f.services(json).includes('postgresql')
  )
    f.add(
      'metabase',
      'postgresql',
      'the setup Job registers the analytics database in Metabase',
    );
  if (f.services(json).includes('metabase'))
    f.add('metabase_setup', 'metabase', 'the setup Job calls the Metabase API');
}

/** Any other resource of a part connects that part to every Service its manifest names. */
function namedServiceConnections(
  c: ComposedResource,
  owner: string,
  json: string,
  f: Finder,
): void {
  for (const s of f.services(json)) {
    if (!SERVICE_OWNER[s])
      throw new Error(
        `${c.name} names service ${s}, which no part owns (${CONNECTIONS_FILE} SERVICE_OWNER)`,
      );
    f.add(owner, SERVICE_OWNER[s], `${c.name} names ${s}`);
  }
}

function ownedResourceConnections(
  c: ComposedResource,
  owner: string,
  f: Finder,
): void {
  const json = JSON.stringify(manifestOf(c));
  if (c.name === 'connectors') connectorsJobConnections(json, f);
  else if (c.name === 'metabase-setup') metabaseSetupConnections(json, f);
  else namedServiceConnections(c, owner, json, f);
}

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
  const hostRe = new RegExp(
    `([a-z0-9-]+)\\.${ctx.svcSuffix.replace(/\./g, '\\.')}`,
    'g',
  );
  const finder: Finder = {
    services: s => [...s.matchAll(hostRe)].map(m => m[1]),
    add: (a, b, why) => {
      if (a === b) return;
      const k = pairKey(a, b);
      if (!found.has(k)) found.set(k, []);
      found.get(k)!.push(why);
    },
  };
  for (const c of ctx.platform.composed) {
    const owner = resourceOwner.get(c.name);
    if (c.name === 'connection') secretConnections(ctx, c, finder);
    else if (owner) ownedResourceConnections(c, owner, finder);
  }
  return found;
}
