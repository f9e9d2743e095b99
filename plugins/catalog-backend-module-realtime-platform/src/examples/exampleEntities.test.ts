import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findRoot } from '@internal/realtime-platform-kit';
import {
  EXAMPLE_ENTITIES_FILE,
  exampleEntities,
  exampleEntitiesYaml,
  REGENERATE_EXAMPLES,
} from './exampleEntities';
import { validateEntity } from '../__testUtils__/run';

const root = findRoot();

describe('the example entities the card tests load', () => {
  it('are what this module makes of the realtime-oam locations app-config registers', () => {
    const committed = fs.readFileSync(
      path.join(root, EXAMPLE_ENTITIES_FILE),
      'utf8',
    );
    expect(
      committed === exampleEntitiesYaml(root)
        ? 'current'
        : `${EXAMPLE_ENTITIES_FILE} is stale: run ${REGENERATE_EXAMPLES}`,
    ).toBe('current');
  });

  it('pass the catalog-model validators', async () => {
    const entities = exampleEntities(root);
    expect(entities.length).toBeGreaterThan(10);
    for (const e of entities) await validateEntity(e);
  });

  it('negative control: an application app-config registers that changed makes them stale', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'examples-'));
    try {
      fs.cpSync(path.join(root, 'platform'), path.join(copy, 'platform'), {
        recursive: true,
      });
      fs.mkdirSync(path.join(copy, 'packages', 'backend'), { recursive: true });
      fs.copyFileSync(
        path.join(root, 'app-config.yaml'),
        path.join(copy, 'app-config.yaml'),
      );
      const app = path.join(
        copy,
        'platform/examples/MINIMAL-REALTIME-OAM.yaml',
      );
      fs.writeFileSync(
        app,
        fs.readFileSync(app, 'utf8').replace(/\bevents\b/g, 'evts'),
      );
      expect(exampleEntitiesYaml(copy)).not.toBe(exampleEntitiesYaml(root));
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});
