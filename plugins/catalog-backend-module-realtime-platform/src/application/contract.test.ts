import {
  ANNOTATION_CONNECTION_SECRET,
  ANNOTATION_CONNECTION_SECRET_KEYS,
  ANNOTATION_HOST,
  ANNOTATION_NAMESPACE,
  ANNOTATION_PORT,
} from '@internal/plugin-realtime-platform-common';
import { composedServices, createKit } from '@internal/realtime-platform-kit';
import { example, find, readLocation } from '../__testUtils__/run';

/*
 * The real cue binary renders the examples here (about 0.3-0.5 s per call),
 * so the names the module derives without cue are checked against what the
 * platform really creates.
 */
describe.each(['MINIMAL-REALTIME-OAM.yaml', 'REALTIME-OAM-EXAMPLE.yaml'])(
  'entities of %s match the rendered platform',
  file => {
    it('secret name, namespace and keys equal the kit contract', async () => {
      const { entities } = await readLocation(example(file));
      const secrets = await createKit().secrets(example(file));
      expect(secrets.length).toBeGreaterThan(0);
      for (const s of secrets) {
        const platform = find(entities, 'Component', s.platform);
        const annotations = platform.metadata.annotations ?? {};
        expect(annotations[ANNOTATION_CONNECTION_SECRET]).toBe(
          `${s.namespace}/${s.secretName}`,
        );
        expect(annotations[ANNOTATION_NAMESPACE]).toBe(s.platformNamespace);
        expect(
          annotations[ANNOTATION_CONNECTION_SECRET_KEYS].split(', '),
        ).toEqual(s.keys.map(k => k.key));
        for (const consumer of s.consumers) {
          expect(
            find(entities, 'Component', consumer).metadata.annotations?.[
              ANNOTATION_CONNECTION_SECRET
            ],
          ).toBe(`${s.namespace}/${s.secretName}`);
        }
      }
    });

    it('every part host and port is a Service the Composition creates', async () => {
      const { entities } = await readLocation(example(file));
      const rendered = await createKit().render(example(file));
      const services = rendered.platforms.flatMap(p =>
        composedServices(p.composed),
      );
      const parts = entities.filter(e => e.kind === 'Resource');
      expect(parts.length).toBeGreaterThanOrEqual(5);
      for (const part of parts) {
        const annotations = part.metadata.annotations ?? {};
        const [name, namespace] = annotations[ANNOTATION_HOST].split('.');
        const service = services.find(
          s => s.name === name && s.namespace === namespace,
        );
        expect({ part: part.metadata.name, ports: service?.ports }).toEqual({
          part: part.metadata.name,
          ports: expect.arrayContaining([Number(annotations[ANNOTATION_PORT])]),
        });
      }
    });
  },
);
