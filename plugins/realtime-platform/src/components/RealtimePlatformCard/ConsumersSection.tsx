import { parseRealtimeConsumer } from '@internal/plugin-realtime-platform-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { docsLinks } from '../../docs';
import { EntityRefOrUnresolved } from './EntityRefOrUnresolved';
import { Hint, Section } from './Section';
import { useShowAll } from './ShowAll';
import { RelatedEntities } from './useRealtimePlatform';

function topicsLine(entity: unknown): string {
  const { produces, consumes } = parseRealtimeConsumer(entity);
  const parts = [];
  if (produces.length) parts.push(`produces ${produces.join(', ')}`);
  if (consumes.length) parts.push(`consumes ${consumes.join(', ')}`);
  return parts.join('; ');
}

/** Components that depend on the platform, one line each with their declared topics. */
export function ConsumersSection(props: {
  consumerRefs: string[];
  related: RelatedEntities;
}) {
  const { consumerRefs, related } = props;
  const { visible, showAll } = useShowAll(consumerRefs, 'consumers');
  return (
    <Section
      title="Consumers"
      docsTo={docsLinks.access}
      docsLabel="Connecting a service"
    >
      {consumerRefs.length === 0 ? (
        <Hint>No component depends on this platform yet.</Hint>
      ) : (
        <List dense disablePadding aria-label="Consumers">
          {visible.map(ref => {
            const entity = related.get(ref);
            return (
              <ListItem
                key={ref}
                disableGutters
                style={{ flexWrap: 'wrap', columnGap: 8, padding: 0 }}
              >
                <Typography variant="body2" component="span">
                  <EntityRefOrUnresolved entityRef={ref} entity={entity} />
                </Typography>
                {entity && (
                  <Typography variant="caption" color="textSecondary">
                    {topicsLine(entity)}
                  </Typography>
                )}
              </ListItem>
            );
          })}
        </List>
      )}
      {showAll}
    </Section>
  );
}
