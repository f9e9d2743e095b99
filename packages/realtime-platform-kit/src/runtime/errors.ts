/**
 * A composed object the local runtime cannot run as composed, or a part that failed: one line
 * naming what is at fault, what happened, and the fix; `log` holds the last lines of the part's
 * log where there is one.
 */
export class RuntimeError extends Error {
  constructor(
    readonly subject: string,
    readonly problem: string,
    readonly fix?: string,
    readonly log?: string,
  ) {
    super(`${subject}: ${problem}${fix ? `; fix: ${fix}` : ''}`);
    this.name = 'RuntimeError';
  }
}
