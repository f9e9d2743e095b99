import { Link } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { RealtimeConsumerModel } from '@internal/plugin-realtime-platform-common';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { docsLinks } from '../../docs';
import { EntityRefOrUnresolved } from './EntityRefOrUnresolved';
import { LiveStateSection } from './LiveStateSection';
import { useLiveState } from './useLiveState';
import { Hint } from './Section';
import { RelatedEntities } from './useRealtimePlatform';

function Topics(props: { label: string; topics: string[] }) {
  return (
    <Typography variant="body2" component="div" aria-label={props.label}>
      {props.label}:{' '}
      {props.topics.length
        ? props.topics.map(t => <Chip key={t} size="small" label={t} />)
        : '–'}
    </Typography>
  );
}

/**
 * The compact variant on a consumer (a `realtime-webservice`): its workload's live state, which
 * platform, secret and topics.
 */
export function ConsumerSummary(props: {
  model: RealtimeConsumerModel;
  related: RelatedEntities;
}) {
  const { model, related } = props;
  const { entity } = useEntity();
  const live = useLiveState(entity);
  return (
    <>
      <LiveStateSection view={live.view} refresh={live.refresh} workloads />
      <Typography variant="body2" component="div">
        Platform:{' '}
        {model.platformRef ? (
          <EntityRefOrUnresolved
            entityRef={model.platformRef}
            entity={related.get(model.platformRef)}
          />
        ) : (
          '–'
        )}
      </Typography>
      <Typography variant="body2" component="div">
        Connection secret:{' '}
        {model.secret ? (
          <code>
            {model.secret.namespace}/{model.secret.name}
          </code>
        ) : (
          '–'
        )}
      </Typography>
      <Topics label="Produces" topics={model.produces} />
      <Topics label="Consumes" topics={model.consumes} />
      <Hint>
        Keys and env vars are listed on the platform.{' '}
        <Link to={docsLinks.access}>Access and secrets guide</Link>
      </Hint>
    </>
  );
}
