import { createBackendModule } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin, {
  CATALOG_ERRORS_TOPIC,
} from '@backstage/plugin-catalog-backend';
import { EventParams, eventsServiceRef } from '@backstage/plugin-events-node';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixture } from './__testUtils__/run';
import { catalogModuleRealtimePlatform } from './module';
import { RealtimeOamProcessor } from './processor/RealtimeOamProcessor';

jest.setTimeout(60_000);

describe('catalogModuleRealtimePlatform', () => {
  it('adds the realtime-oam processor to the catalog', async () => {
    const extensionPoint = { addProcessor: jest.fn() };
    await startTestBackend({
      extensionPoints: [[catalogProcessingExtensionPoint, extensionPoint]],
      features: [catalogModuleRealtimePlatform],
    });
    expect(extensionPoint.addProcessor).toHaveBeenCalledTimes(1);
    expect(extensionPoint.addProcessor.mock.calls[0][0]).toBeInstanceOf(
      RealtimeOamProcessor,
    );
  });

  describe('in a running catalog', () => {
    let dir: string;
    let baseUrl: string;
    let stop: () => Promise<void>;
    const good = () => path.join(dir, 'shop.yaml');
    const broken = () => path.join(dir, 'broken.yaml');

    async function entities(): Promise<Entity[]> {
      const res = await fetch(`${baseUrl}/api/catalog/entities`);
      expect(res.status).toBe(200);
      return res.json();
    }

    async function waitFor<T>(
      probe: (all: Entity[]) => T | undefined,
      what: string,
    ): Promise<T> {
      const deadline = Date.now() + 40_000;
      for (;;) {
        const found = probe(await entities());
        if (found) return found;
        if (Date.now() > deadline) {
          throw new Error(`timed out waiting for ${what}`);
        }
        await new Promise(r => setTimeout(r, 250));
      }
    }

    const locationOf = (all: Entity[], target: string) =>
      all.find(e => e.kind === 'Location' && e.spec?.target === target);
    // Stitched entities carry processing errors in `status.items`.
    type WithStatus = Entity & {
      status?: { items?: Array<{ error?: { message?: string } }> };
    };
    const errorsOfLocation = (all: Entity[], target: string): string[] => {
      const location = locationOf(all, target) as WithStatus | undefined;
      return (location?.status?.items ?? []).map(i => i.error?.message ?? '');
    };

    // What catalog-backend-module-logs logs: every processing error, with the
    // location entity it belongs to, also before that entity was ever valid.
    const errorEvents: EventParams[] = [];
    const errorSpy = createBackendModule({
      pluginId: 'catalog',
      moduleId: 'error-spy',
      register(env) {
        env.registerInit({
          deps: { events: eventsServiceRef },
          async init({ events }) {
            await events.subscribe({
              id: 'error-spy',
              topics: [CATALOG_ERRORS_TOPIC],
              async onEvent(event) {
                errorEvents.push(event);
              },
            });
          },
        });
      },
    });

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realtime-oam-'));
      fs.copyFileSync(fixture('shop.yaml'), good());
      fs.copyFileSync(fixture('realtime-names-no-platform.yaml'), broken());
      fs.writeFileSync(
        path.join(dir, 'other.yaml'),
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: unrelated\nspec:\n  type: service\n  lifecycle: production\n  owner: group:default/someone\n',
      );
      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleRealtimePlatform,
          errorSpy,
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                processingInterval: { seconds: 1 },
                rules: [
                  { allow: ['Component', 'System', 'Resource', 'Location'] },
                ],
                locations: [
                  { type: 'realtime-oam', target: good() },
                  { type: 'realtime-oam', target: broken() },
                  { type: 'file', target: path.join(dir, 'other.yaml') },
                ],
              },
              realtimePlatform: {
                catalog: {
                  defaults: {
                    metabaseBaseUrl: 'https://metabase.example.org/{name}',
                  },
                },
              },
            },
          }),
        ],
      });
      baseUrl = `http://localhost:${backend.server.port()}`;
      stop = () => backend.stop();
    });

    afterAll(async () => {
      await stop?.();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('ingests the application with its relations, and reports a broken file among the catalog processing errors', async () => {
      const platform = await waitFor(
        all =>
          all.find(
            e =>
              stringifyEntityRef(e) === 'component:retail/events' &&
              e.relations?.some(r => r.type === 'dependencyOf'),
          ),
        'the platform with its consumer',
      );
      const targets = (type: string) =>
        (platform.relations ?? [])
          .filter(r => r.type === type)
          .map(r => r.targetRef)
          .sort();
      expect(targets('hasPart')).toEqual([
        'resource:retail/events-kafka',
        'resource:retail/events-lenses-hq',
        'resource:retail/events-metabase',
        'resource:retail/events-mqtt',
        'resource:retail/events-postgresql',
        'resource:retail/events-schema-registry',
      ]);
      expect(targets('dependsOn')).toEqual(targets('hasPart'));
      expect(targets('dependencyOf')).toEqual(['component:retail/api']);
      expect(targets('partOf')).toEqual(['system:retail/shop']);
      expect(platform.metadata.links).toEqual([
        {
          url: 'https://lenses.example.org/events',
          title: 'Lenses HQ',
          type: 'lenses-hq',
        },
        {
          url: 'https://metabase.example.org/events',
          title: 'Metabase',
          type: 'metabase',
        },
      ]);

      const all = await waitFor(
        a =>
          a.some(e => e.metadata.name === 'unrelated') &&
          errorEvents.some(e =>
            JSON.stringify(e.eventPayload).includes(broken()),
          )
            ? a
            : undefined,
        'the unrelated entity and the broken location error',
      );
      const system = all.find(
        e => stringifyEntityRef(e) === 'system:retail/shop',
      );
      expect(
        system?.relations
          ?.filter(r => r.type === 'hasPart')
          .map(r => r.targetRef)
          .sort(),
      ).toEqual([
        'component:retail/api',
        'component:retail/docs-site',
        'component:retail/events',
        'resource:retail/events-kafka',
        'resource:retail/events-lenses-hq',
        'resource:retail/events-metabase',
        'resource:retail/events-mqtt',
        'resource:retail/events-postgresql',
        'resource:retail/events-schema-registry',
      ]);
      const payload = errorEvents.find(e =>
        JSON.stringify(e.eventPayload).includes(broken()),
      )?.eventPayload as {
        entity: string;
        errors: Array<{ name: string; message: string }>;
      };
      expect(payload.entity).toMatch(/^location:default\/generated-/);
      expect(payload.errors.map(e => [e.name, e.message])).toEqual([
        [
          'InputError',
          `${broken()}: component "api": field "realtime": "events" is not a realtime-platform component of this application (fix: use one of: stream)`,
        ],
      ]);
      // Like any location that never processed, it is not stitched yet.
      expect(locationOf(all, broken())).toBeUndefined();
      expect(errorsOfLocation(all, good())).toEqual([]);
      expect(all.some(e => e.metadata.name === 'stream')).toBe(false);
    });

    it('heals after the file is fixed, and keeps the last good entities while a file is broken', async () => {
      fs.writeFileSync(
        broken(),
        fs
          .readFileSync(fixture('realtime-names-no-platform.yaml'), 'utf8')
          .replace('realtime: events', 'realtime: stream'),
      );
      fs.writeFileSync(good(), 'kind: Application\nmetadata: {name: [\n');
      const healed = await waitFor(
        all =>
          errorsOfLocation(all, broken()).length === 0 &&
          all.some(
            e =>
              stringifyEntityRef(e) === 'component:default/api' &&
              e.relations?.some(
                r =>
                  r.type === 'dependsOn' &&
                  r.targetRef === 'component:default/stream',
              ),
          ) &&
          errorsOfLocation(all, good()).length
            ? all
            : undefined,
        'the fixed location to heal and the newly broken one to report',
      );
      expect(
        healed.find(e => stringifyEntityRef(e) === 'component:default/stream')
          ?.metadata.annotations?.['realtime-platform.io/connection-secret'],
      ).toBe('default/stream-conn');
      expect(errorsOfLocation(healed, good())[0]).toContain(
        `${good()}: not valid YAML`,
      );
      // The broken file's previous entities stay until it is fixed.
      expect(
        healed.some(e => stringifyEntityRef(e) === 'component:retail/events'),
      ).toBe(true);
      expect(healed.some(e => e.metadata.name === 'unrelated')).toBe(true);
    });
  });
});
