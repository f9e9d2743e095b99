import { Entity } from '@backstage/catalog-model';
import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';

/** The hand-written portal examples, so tests prove they follow the format. */
export function loadExampleEntities(): Entity[] {
  const file = path.resolve(
    __dirname,
    '../../../../catalog/realtime-platform-examples.yaml',
  );
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).map(
    d => d.toJS() as Entity,
  );
}

/** Finds an example entity by name. */
export function example(entities: Entity[], name: string): Entity {
  const found = entities.find(e => e.metadata.name === name);
  if (!found) throw new Error(`no example named ${name}`);
  return found;
}
