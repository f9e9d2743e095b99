/** One problem found in an application file. */
export interface ValidationIssue {
  /** The application file. */
  file: string;
  /** Component name, when the problem is inside a component. */
  component?: string;
  /** Parameter path inside the component, e.g. `topics[1].name`. */
  field?: string;
  /** What is wrong. */
  message: string;
  /** How to fix it. */
  fix: string;
}

/** Formats an issue as the single line the CLI prints. */
export function formatIssue(issue: ValidationIssue): string {
  const where = [issue.file];
  if (issue.component) where.push(`component "${issue.component}"`);
  if (issue.field) where.push(`field "${issue.field}"`);
  return `${where.join(': ')}: ${issue.message} (fix: ${issue.fix})`;
}

/** Thrown by render/secrets when the application is invalid; carries every issue. */
export class InvalidApplicationError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'InvalidApplicationError';
  }
}
