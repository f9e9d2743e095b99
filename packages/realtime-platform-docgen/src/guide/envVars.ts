import path from 'node:path';
import { RealtimeKit } from '@internal/realtime-platform-kit';
import { FULL_EXAMPLE } from './docsKit';
import { code, table, text } from './markdown';

/** Environment variables a webservice of the comprehensive example gets. */
export async function envVars(kit: RealtimeKit, root: string): Promise<string> {
  const [s] = await kit.secrets(path.join(root, FULL_EXAMPLE));
  const rows = s.keys.map(k => [
    code(k.envVar),
    text(k.description),
    k.credential
      ? `generated (${text(k.shape.replace(/^generated: /, ''))})`
      : code(k.value!),
  ]);
  return `Platform ${code(s.platform)} of ${code(FULL_EXAMPLE)}: secret ${code(
    s.secretName,
  )} in namespace ${code(s.namespace)}, received by ${s.consumers
    .map(code)
    .join(', ')}.\n\n${table(
    ['Variable', 'Meaning', 'Value in this example'],
    rows,
  )}\n`;
}
