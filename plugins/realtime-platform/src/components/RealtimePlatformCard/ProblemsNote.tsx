import { WarningPanel } from '@backstage/core-components';
import { RealtimeProblem } from '@internal/plugin-realtime-platform-common';

/** Lists annotation problems; the rest of the card still renders. */
export function ProblemsNote(props: { problems: RealtimeProblem[] }) {
  const { problems } = props;
  if (!problems.length) return null;
  const errors = problems.filter(p => p.severity === 'error').length;
  return (
    <WarningPanel
      severity={errors ? 'error' : 'warning'}
      title={`${problems.length} annotation ${
        problems.length === 1 ? 'problem' : 'problems'
      }: some data is not shown`}
      defaultExpanded
    >
      <ul>
        {problems.map((p, i) => (
          <li key={i}>
            <code>{p.annotation}</code>: {p.message} Fix: {p.fix}
          </li>
        ))}
      </ul>
    </WarningPanel>
  );
}
