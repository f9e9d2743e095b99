import {
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { docsLinks } from '../../docs';
import { LiveCondition } from './liveState';
import { Hint, Section } from './Section';
import { LiveView } from './useLiveState';

/** `Ready: True (Available)`, or `Ready: False (Creating): Unready resources: metabase`. */
function ConditionLine(props: { condition: LiveCondition }) {
  const { type, status, reason, message } = props.condition;
  return (
    <Typography variant="body2" data-testid={`condition-${type}`}>
      <strong>{type}</strong>: {status}
      {reason ? ` (${reason})` : ''}
      {message ? `: ${message}` : ''}
    </Typography>
  );
}

function RefreshButton(props: { refresh: () => void; label?: string }) {
  return (
    <Button size="small" onClick={props.refresh} style={{ padding: '0 4px' }}>
      {props.label ?? 'Refresh'}
    </Button>
  );
}

/** What the live state view says, for one state. */
function LiveBody(props: {
  view: LiveView;
  refresh: () => void;
  workloads?: boolean;
}) {
  const { view, refresh } = props;
  switch (view.kind) {
    case 'off':
      return (
        <Hint>
          Live state is off: the portal has no Kubernetes cluster configured.
          The card shows what the catalog declares.
        </Hint>
      );
    case 'loading':
      return <Progress />;
    case 'error':
      return (
        <>
          <ResponseErrorPanel error={view.error} />
          <RefreshButton refresh={refresh} label="Retry" />
        </>
      );
    case 'notFound':
      return (
        <Hint>
          Not found on any configured cluster: nothing carries this
          platform&apos;s label yet (not applied, or still being created).
        </Hint>
      );
    case 'forbidden':
      return (
        <WarningPanel
          severity="warning"
          title={`The portal may not read this platform on cluster ${view.cluster}`}
          message={view.message}
        />
      );
    case 'unreachable':
      return (
        <>
          <ResponseErrorPanel
            error={
              new Error(`Cluster ${view.cluster} unreachable: ${view.message}`)
            }
          />
          <RefreshButton refresh={refresh} label="Retry" />
        </>
      );
    default:
      return (
        <>
          {props.workloads &&
            view.workloads.map(w => (
              <Typography
                key={`${w.kind} ${w.name}`}
                variant="body2"
                data-testid="workload"
              >
                {w.kind} <code>{w.name}</code>: {w.ready}/{w.desired} ready
              </Typography>
            ))}
          {!props.workloads && view.conditions.length > 0 && (
            <Box display="flex" flexWrap="wrap" style={{ columnGap: 16 }}>
              {view.conditions.map(c => (
                <ConditionLine key={c.type} condition={c} />
              ))}
            </Box>
          )}
          {!props.workloads && !view.conditions.length && (
            <Hint>The composite reports no conditions yet.</Hint>
          )}
          {view.unread.length > 0 && (
            <Typography variant="body2" color="error" data-testid="unread">
              Not read: {view.unread.join('; ')}
            </Typography>
          )}
          {view.failedJobs.map(j => (
            <Typography
              key={j.name}
              variant="body2"
              color="error"
              data-testid="failed-job"
            >
              Job <code>{j.name}</code> failed: {j.reason}
              {j.message ? `: ${j.message}` : ''}
            </Typography>
          ))}
          <Box display="flex" alignItems="center" style={{ gap: 8 }}>
            <Typography variant="caption" color="textSecondary">
              Cluster {view.cluster}
              {view.lastChange ? `, last change ${view.lastChange}` : ''}
            </Typography>
            <RefreshButton refresh={refresh} />
          </Box>
        </>
      );
  }
}

/**
 * The live state from the cluster, or why there is none: a platform's composite conditions, or
 * with `workloads` (a service) the ready replicas of its workloads.
 */
export function LiveStateSection(props: {
  view: LiveView;
  refresh: () => void;
  workloads?: boolean;
}) {
  return (
    <Section
      title="Live state"
      docsTo={docsLinks.operations}
      docsLabel="Troubleshooting"
    >
      <LiveBody
        view={props.view}
        refresh={props.refresh}
        workloads={props.workloads}
      />
    </Section>
  );
}
