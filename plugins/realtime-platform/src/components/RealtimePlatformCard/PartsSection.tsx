import {
  parseRealtimePart,
  PART_TYPE_LABELS,
} from '@internal/plugin-realtime-platform-common';
import Typography from '@material-ui/core/Typography';
import { parseServiceHost } from '@internal/realtime-platform-contract';
import { docsLinks } from '../../docs';
import { LiveWorkload } from './liveState';
import { EntityRefOrUnresolved } from './EntityRefOrUnresolved';
import { DenseItem, DenseList, Hint, Section } from './Section';
import { useShowAll } from './ShowAll';
import { RelatedEntities } from './useRealtimePlatform';

/** `2/3 ready` of the workload serving a part's host, when the live state has it. */
function stateOf(host: string | undefined, workloads?: LiveWorkload[]) {
  const service = host ? parseServiceHost(host)?.service : undefined;
  const w = workloads?.find(x => x.name === service);
  return w ? `${w.ready}/${w.desired} ready` : undefined;
}

/**
 * Provisioned parts, one dense line each: the link to its entity, its type, its in-cluster
 * address and, with the live state, its ready replicas.
 */
export function PartsSection(props: {
  partRefs: string[];
  related: RelatedEntities;
  workloads?: LiveWorkload[];
}) {
  const { partRefs, related, workloads } = props;
  const { visible, showAll } = useShowAll(partRefs, 'parts');
  return (
    <Section
      title="Provisioned parts"
      docsTo={docsLinks.operations}
      docsLabel="Troubleshooting"
    >
      {partRefs.length === 0 ? (
        <Hint>No parts declared (spec.dependsOn or hasPart Resources).</Hint>
      ) : (
        <DenseList label="Provisioned parts">
          {visible.map(ref => {
            const entity = related.get(ref);
            const part = entity ? parseRealtimePart(entity, ref) : undefined;
            let address = '';
            if (part?.host)
              address = part.port ? `${part.host}:${part.port}` : part.host;
            const state = stateOf(part?.host, workloads);
            return (
              <DenseItem key={ref}>
                <Typography variant="body2" component="span">
                  <EntityRefOrUnresolved entityRef={ref} entity={entity} />
                </Typography>
                <Typography variant="caption" color="textSecondary">
                  {part?.type ? PART_TYPE_LABELS[part.type] : '–'}
                </Typography>
                <Typography variant="caption" component="code">
                  {address || '–'}
                </Typography>
                {workloads && (
                  <Typography
                    variant="caption"
                    data-testid="part-state"
                    style={{ marginLeft: 'auto' }}
                  >
                    {state ?? '–'}
                  </Typography>
                )}
              </DenseItem>
            );
          })}
        </DenseList>
      )}
      {showAll}
    </Section>
  );
}
