import fs from 'node:fs';
import path from 'node:path';

/** The template directory's files as the dry-run endpoint takes them (`directoryContents`). */
export function directoryContents(
  dir: string,
): { path: string; base64Content: string }[] {
  const out: { path: string; base64Content: string }[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), {
      withFileTypes: true,
    })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== 'tests' && entry.name !== 'node_modules')
          walk(child);
      } else {
        out.push({
          path: child,
          base64Content: fs
            .readFileSync(path.join(dir, child))
            .toString('base64'),
        });
      }
    }
  };
  walk('');
  return out;
}

/** The response of `POST /api/scaffolder/v2/dry-run`. */
export interface DryRunResponse {
  log: { body: { message: string; stepId?: string; status?: string } }[];
  directoryContents: {
    path: string;
    base64Content: string;
    executable?: boolean;
  }[];
  output: any;
  steps: { id: string; name: string; action: string }[];
}

/** Files of a dry-run response, decoded. */
export function files(response: DryRunResponse): Map<string, string> {
  return new Map(
    response.directoryContents.map(f => [
      f.path,
      Buffer.from(f.base64Content, 'base64').toString('utf8'),
    ]),
  );
}
