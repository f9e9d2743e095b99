import fs from 'node:fs';
import path from 'node:path';
import { findRoot } from '@internal/realtime-platform-kit';
import { EXAMPLE_ENTITIES_FILE, exampleEntitiesYaml } from './exampleEntities';

/** Writes the example entities fixture; the drift test in exampleEntities.test.ts checks it. */
export function main(): void {
  const root = findRoot();
  const out = path.join(root, EXAMPLE_ENTITIES_FILE);
  fs.writeFileSync(out, exampleEntitiesYaml(root));
  process.stdout.write(`wrote ${EXAMPLE_ENTITIES_FILE}\n`);
}
