import { parseRealtimeConsumer } from '@internal/plugin-realtime-platform-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
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

/** Components that depend on the platform, with their declared topics. */
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
              <ListItem key={ref} disableGutters>
                <ListItemText
                  primary={
                    <EntityRefOrUnresolved entityRef={ref} entity={entity} />
                  }
                  secondary={entity ? topicsLine(entity) : undefined}
                />
              </ListItem>
            );
          })}
        </List>
      )}
      {showAll}
    </Section>
  );
}
