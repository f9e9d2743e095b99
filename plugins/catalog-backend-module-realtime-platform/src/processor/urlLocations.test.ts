import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  CatalogProcessorCache,
  CatalogProcessorResult,
} from '@backstage/plugin-catalog-node';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { defaultOptions, fixture } from '../__testUtils__/run';
import { catalogModuleRealtimePlatform } from '../module';
import { RealtimeOamProcessor } from './RealtimeOamProcessor';

jest.setTimeout(60_000);

const shop = fs.readFileSync(fixture('shop.yaml'), 'utf8');
const badPort = shop.replace(
  'image: ghcr.io/example/api:1.0.0',
  'image: ghcr.io/example/api:1.0.0\n        port: 9223372036854775808',
);
const catalogInfo =
  'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: unrelated\nspec:\n  type: service\n  lifecycle: production\n  owner: group:default/someone\n';
const PORT_MESSAGE =
  'component "api": field "port": invalid value 9223372036854776000 (out of bound <=65535) (fix: the value must be >= 1, be <= 65535 (Port the container listens on; the Service exposes it))';

function memoryCache(): CatalogProcessorCache {
  const items = new Map<string, unknown>();
  return {
    get: async (key: string) => items.get(key) as never,
    set: async (key: string, value: unknown) => {
      items.set(key, value);
    },
  };
}

const namedError = (name: string) => Object.assign(new Error(name), { name });

async function readUrlLocation(
  files: Record<string, string>,
  target: string,
  cache: CatalogProcessorCache = memoryCache(),
) {
  const readUrl = jest.fn(async (url: string, options?: { etag?: string }) => {
    if (!(url in files)) throw namedError('NotFoundError');
    if (options?.etag === 'v1') throw namedError('NotModifiedError');
    return { buffer: async () => Buffer.from(files[url]), etag: 'v1' };
  });
  const processor = new RealtimeOamProcessor({
    reader: mockServices.urlReader.mock({ readUrl }),
    options: defaultOptions,
  });
  const results: CatalogProcessorResult[] = [];
  const handled = await processor.readLocation(
    { type: 'url', target },
    false,
    r => results.push(r),
    async function* parser() {},
    cache,
  );
  return { handled, results, readUrl };
}

const byType = (results: CatalogProcessorResult[], type: string) =>
  results.filter(r => r.type === type);

describe('url locations (Register Existing Component)', () => {
  const url = 'https://git.example.org/shop.yaml';

  it('runs before the catalog url reader', () => {
    const processor = new RealtimeOamProcessor({
      reader: mockServices.urlReader.mock(),
      options: defaultOptions,
    });
    expect(processor.getPriority()).toBeLessThan(20);
  });

  it('reads an OAM Application into the same entities as a realtime-oam location', async () => {
    const { handled, results } = await readUrlLocation({ [url]: shop }, url);
    expect(handled).toBe(true);
    expect(byType(results, 'error')).toEqual([]);
    expect(byType(results, 'entity')).toHaveLength(10);
    expect(byType(results, 'relation')).toHaveLength(12);
    expect(byType(results, 'refresh')).toEqual([
      { type: 'refresh', key: `url:${url}` },
    ]);
  });

  it('reports an application the platform rejects as the location error, without entities', async () => {
    const { handled, results } = await readUrlLocation({ [url]: badPort }, url);
    expect(handled).toBe(true);
    expect(byType(results, 'entity')).toEqual([]);
    expect(
      byType(results, 'error').map(r => r.type === 'error' && r.error.message),
    ).toEqual([`${url}: ${PORT_MESSAGE}`]);
  });

  it('leaves catalog files, unreadable URLs and globs to the catalog url reader', async () => {
    const other = 'https://git.example.org/catalog-info.yaml';
    for (const target of [
      other,
      'https://git.example.org/missing.yaml',
      'https://git.example.org/**/catalog-info.yaml',
    ]) {
      const { handled, results } = await readUrlLocation(
        { [other]: catalogInfo },
        target,
      );
      expect({ target, handled, results }).toEqual({
        target,
        handled: false,
        results: [],
      });
    }
  });

  it('keeps the ETag: an unchanged application is not downloaded again, an unchanged other file is left alone', async () => {
    const cache = memoryCache();
    await readUrlLocation({ [url]: shop }, url, cache);
    const again = await readUrlLocation({ [url]: shop }, url, cache);
    expect(again.readUrl).toHaveBeenCalledWith(url, { etag: 'v1' });
    expect(again.handled).toBe(true);
    expect(byType(again.results, 'entity')).toHaveLength(10);

    const other = 'https://git.example.org/catalog-info.yaml';
    const otherCache = memoryCache();
    await readUrlLocation({ [other]: catalogInfo }, other, otherCache);
    const second = await readUrlLocation(
      { [other]: catalogInfo },
      other,
      otherCache,
    );
    expect(second.handled).toBe(false);
  });
});

describe('registering a url location in a running catalog', () => {
  let server: http.Server;
  let files: string;
  let baseUrl: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const served: Record<string, string> = {
      '/shop.yaml': shop,
      '/bad-port.yaml': badPort,
      '/catalog-info.yaml': catalogInfo,
    };
    server = http.createServer((req, res) => {
      const body = served[req.url ?? ''];
      res.writeHead(body ? 200 : 404, { 'content-type': 'text/yaml' });
      res.end(body ?? 'not found');
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    files = `http://localhost:${port}`;
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleRealtimePlatform,
        mockServices.rootConfig.factory({
          data: {
            backend: { reading: { allow: [{ host: `localhost:${port}` }] } },
            catalog: {
              processingInterval: { seconds: 1 },
              rules: [
                { allow: ['Component', 'System', 'Resource', 'Location'] },
              ],
            },
          },
        }),
      ],
    });
    baseUrl = `http://localhost:${backend.server.port()}/api/catalog`;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop?.();
    await new Promise(r => server.close(r));
  });

  const register = (target: string, dryRun: boolean) =>
    fetch(`${baseUrl}/locations${dryRun ? '?dryRun=true' : ''}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'url', target }),
    });

  it('analyzes an OAM Application into the module entities, with no error of the stock url reader', async () => {
    const res = await register(`${files}/shop.yaml`, true);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { entities: Entity[] };
    const refs = body.entities.map(e => stringifyEntityRef(e)).sort();
    expect(refs.filter(r => !r.startsWith('location:'))).toEqual([
      'component:retail/api',
      'component:retail/docs-site',
      'component:retail/events',
      'resource:retail/events-kafka',
      'resource:retail/events-lenses-hq',
      'resource:retail/events-metabase',
      'resource:retail/events-mqtt',
      'resource:retail/events-postgresql',
      'resource:retail/events-schema-registry',
      'system:retail/shop',
    ]);
  });

  it('refuses an application the platform rejects with its one message', async () => {
    const res = await register(`${files}/bad-port.yaml`, true);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { message: string } };
    expect(error.message).toBe(
      `InputError: ${files}/bad-port.yaml: ${PORT_MESSAGE}`,
    );
  });

  it('still registers ordinary catalog files', async () => {
    const res = await register(`${files}/catalog-info.yaml`, true);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { entities: Entity[] };
    expect(body.entities.map(e => e.metadata.name)).toContain('unrelated');
  });

  it('imports the application: its platform and parts appear in the catalog', async () => {
    expect((await register(`${files}/shop.yaml`, false)).status).toBe(201);
    const deadline = Date.now() + 30_000;
    let platform: Entity | undefined;
    while (!platform?.relations?.some(r => r.type === 'hasPart')) {
      if (Date.now() > deadline) throw new Error('the platform never appeared');
      await new Promise(r => setTimeout(r, 250));
      const res = await fetch(
        `${baseUrl}/entities/by-name/component/retail/events`,
      );
      platform =
        res.status === 200 ? ((await res.json()) as Entity) : undefined;
    }
    expect(
      platform.metadata.annotations?.['backstage.io/managed-by-location'],
    ).toBe(`url:${files}/shop.yaml`);
  });
});
