/**
 * The `key=value` lines of a Java properties text (as the composed `server.properties` and
 * `connect-distributed.properties` are written: no continuation lines, no escapes); the value is
 * everything after the first `=`.
 */
export function parseProperties(source: string): Record<string, string> {
  return Object.fromEntries(
    source
      .split('\n')
      .filter(line => line.includes('=') && !line.startsWith('#'))
      .map(line => {
        const at = line.indexOf('=');
        return [line.slice(0, at), line.slice(at + 1)];
      }),
  );
}
