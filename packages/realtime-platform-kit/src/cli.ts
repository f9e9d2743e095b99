import { stringify } from 'yaml';
import path from 'node:path';
import { compositionsCommand, COMPOSITIONS_USAGE } from './compositionsCli';
import { formatIssue, InvalidApplicationError } from './issues';
import { createKit } from './kit';
import { xrdSpecSchema } from './schema';
import { localCommand, LOCAL_USAGE } from './runtime/localCli';
import { packagesCommand, PACKAGES_USAGE } from './packagesCli';
import { KubeObject } from './types';

const USAGE = `usage: realtime-kit <command> [files...]
  validate <files...>   validate OAM applications; exit 1 on any invalid file
  render <file>         print every Kubernetes object the application renders to (YAML stream)
  secrets <file>        print each platform's connection-secret contract (YAML; never secret values)
  schema [type]         print the parameter tree of a component type (JSON)
  xrd                   print the XRD spec schema derived from the realtime-platform definition (YAML)
${COMPOSITIONS_USAGE}
${PACKAGES_USAGE}
${LOCAL_USAGE}`;

/** Secret values are replaced by their length: render output may end up in logs. */
function redact(obj: KubeObject): KubeObject {
  if (obj?.kind !== 'Secret' || !obj.data) return obj;
  const data: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj.data as Record<string, string>))
    data[k] = `<redacted: ${Buffer.from(v, 'base64').length} bytes>`;
  return { ...obj, data };
}

function write(s: string) {
  process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...files] = argv;
  if (command === 'compositions') {
    const code = await compositionsCommand(files);
    if (code !== undefined) return code;
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (command === 'packages') {
    const code = await packagesCommand(files);
    if (code !== undefined) return code;
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const kit = createKit();
  if (command === 'local') {
    const code = await localCommand(
      () => kit,
      files,
      path.join(kit.paths.root, '.tools'),
    );
    if (code !== undefined) return code;
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  switch (command) {
    case 'validate': {
      if (!files.length) break;
      const results = await kit.validateFiles(files);
      for (const r of results) {
        if (r.valid) write(`${r.file}: valid`);
        else r.issues.forEach(i => process.stderr.write(`${formatIssue(i)}\n`));
      }
      return results.every(r => r.valid) ? 0 : 1;
    }
    case 'render':
    case 'secrets': {
      if (files.length !== 1) break;
      try {
        if (command === 'render') {
          const result = await kit.render(files[0]);
          write(
            kit
              .allObjects(result)
              .map(o => stringify(redact(o)))
              .join('---\n'),
          );
        } else {
          write(stringify(await kit.secrets(files[0])));
        }
        return 0;
      } catch (e) {
        if (e instanceof InvalidApplicationError) {
          e.issues.forEach(i => process.stderr.write(`${formatIssue(i)}\n`));
          return 1;
        }
        throw e;
      }
    }
    case 'schema': {
      const schema = await kit.schema(files[0] ?? 'realtime-platform');
      write(JSON.stringify(schema.root, null, 2));
      return 0;
    }
    case 'xrd': {
      const schema = await kit.schema('realtime-platform');
      write(stringify(xrdSpecSchema(schema.openapi)));
      return 0;
    }
    default:
  }
  process.stderr.write(`${USAGE}\n`);
  return 2;
}
