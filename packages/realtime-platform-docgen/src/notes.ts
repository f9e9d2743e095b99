import fs from 'node:fs';
import { DocgenError } from './source';
import { allParams, Param } from './tree';

/** What the rendered objects cannot show about a change (Kafka and PostgreSQL behaviour). */
export interface Note {
  text: string;
  dataLoss?: boolean;
  /** Text that must appear in platform/realtime-compositions.yaml for the note to hold. */
  requires?: string;
  /** Text that must not appear there. */
  forbids?: string;
}

const TOPIC_JOB = '--create --if-not-exists';
const INITDB = '/docker-entrypoint-initdb.d';
const existingTopic = (what: string): Note => ({
  text: `The topic Job only creates missing topics (kafka-topics.sh ${TOPIC_JOB}): an existing topic keeps its ${what}; change it with kafka-configs.sh or kafka-topics.sh --alter.`,
  requires: TOPIC_JOB,
});
const initdb: Note = {
  text: `The postgresql-init scripts run from ${INITDB}, which the PostgreSQL image executes only on an empty data volume: on an existing platform the new database or role is not created by them.`,
  requires: INITDB,
};

/** Notes by definition and parameter path; each is checked against the schema and the Composition. */
export const NOTES: Record<string, Record<string, Note>> = {
  'realtime-platform': {
    'kafka.replicas': {
      text: 'Lowering it removes Kafka nodes: partitions they host are lost unless reassigned to the remaining nodes first.',
      dataLoss: true,
    },
    topics: {
      text: 'A topic removed from the list is not deleted from Kafka (the Job never deletes topics); its TOPIC_ key leaves the connection secret.',
      requires: TOPIC_JOB,
      forbids: '--delete',
    },
    'topics[].name': {
      text: 'Renaming declares a new, empty topic; the old topic keeps its records in Kafka but leaves the connection secret.',
      requires: TOPIC_JOB,
      forbids: '--delete',
    },
    'topics[].partitions': existingTopic('partition count'),
    'topics[].replicationFactor': existingTopic('replication factor'),
    'topics[].retention': existingTopic('retention.ms'),
    'topics[].cleanupPolicy': existingTopic('cleanup.policy'),
    'postgresql.database': initdb,
    'postgresql.user': initdb,
  },
};

/** Fails when a note names no parameter or the Composition no longer behaves as the note says. */
export function checkNotes(
  trees: Map<string, Param>,
  compositionFile: string,
): void {
  const composition = fs.readFileSync(compositionFile, 'utf8');
  for (const [definition, notes] of Object.entries(NOTES)) {
    const tree = trees.get(definition);
    const paths = new Set(tree ? allParams(tree).map(p => p.path) : []);
    for (const [path, note] of Object.entries(notes)) {
      if (!paths.has(path))
        throw new DocgenError(
          `note for ${definition} parameter ${path}: no such parameter; update packages/realtime-platform-docgen/src/notes.ts`,
        );
      if (note.requires && !composition.includes(note.requires))
        throw new DocgenError(
          `note for ${definition} parameter ${path} assumes the Composition contains "${note.requires}", which it no longer does; update packages/realtime-platform-docgen/src/notes.ts`,
        );
      if (note.forbids && composition.includes(note.forbids))
        throw new DocgenError(
          `note for ${definition} parameter ${path} assumes the Composition does not contain "${note.forbids}", which it now does; update packages/realtime-platform-docgen/src/notes.ts`,
        );
    }
  }
}
