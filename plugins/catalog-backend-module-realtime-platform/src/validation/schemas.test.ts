import { createKit, findRoot } from '@internal/realtime-platform-kit';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  generateSchemas,
  REGENERATE_SCHEMAS,
  SCHEMAS_DIR,
  staleSchemas,
} from './generateSchemas';
import { PARAMETER_SCHEMAS } from './parameterSchemas';

/* The real cue binary regenerates the schemas (about 0.3-0.5 s per cue call). */
jest.setTimeout(60_000);

const root = findRoot();

describe('the committed parameter schemas', () => {
  it('are what cue generates from the ComponentDefinitions now', async () => {
    // On failure the messages name each stale file and the command that regenerates it.
    expect(await staleSchemas(createKit(), root)).toEqual([]);
  });

  it('cover every component type the definitions declare, and only those', () => {
    expect(Object.keys(PARAMETER_SCHEMAS).sort()).toEqual(
      [...createKit().componentTypes].sort(),
    );
  });

  it('are formatted as prettier writes them', async () => {
    for (const { file, text } of await generateSchemas(createKit())) {
      expect(fs.readFileSync(path.join(root, file), 'utf8')).toBe(text);
    }
  });

  it('negative control: a changed definition makes its schema stale, naming the file and the command', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemas-'));
    try {
      const definitions = path.join(dir, 'definitions.yaml');
      const original = fs.readFileSync(
        path.join(root, 'platform/realtime-component-definitions.yaml'),
        'utf8',
      );
      const changed = original.replace(
        'port: *8080 | int',
        'port: *8081 | int',
      );
      expect(changed).not.toBe(original);
      fs.writeFileSync(definitions, changed);
      const kit = createKit({ paths: { definitions } });
      expect(await staleSchemas(kit, root)).toEqual([
        `${SCHEMAS_DIR}/realtime-webservice.json is stale (the definitions changed): run ${REGENERATE_SCHEMAS}`,
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
