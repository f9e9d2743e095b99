import {
  parseRealtimePart,
  PART_TYPE_LABELS,
} from '@internal/plugin-realtime-platform-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { docsLinks } from '../../docs';
import { EntityRefOrUnresolved } from './EntityRefOrUnresolved';
import { Hint, Section } from './Section';
import { useShowAll } from './ShowAll';
import { RelatedEntities } from './useRealtimePlatform';

/** Provisioned parts: links to their entities, type and in-cluster address. */
export function PartsSection(props: {
  partRefs: string[];
  related: RelatedEntities;
}) {
  const { partRefs, related } = props;
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
        <Table size="small" aria-label="Provisioned parts">
          <TableHead>
            <TableRow>
              <TableCell>Part</TableCell>
              <TableCell>Type</TableCell>
              <TableCell>In-cluster address</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {visible.map(ref => {
              const entity = related.get(ref);
              const part = entity ? parseRealtimePart(entity, ref) : undefined;
              let address = '';
              if (part?.host)
                address = part.port ? `${part.host}:${part.port}` : part.host;
              return (
                <TableRow key={ref}>
                  <TableCell>
                    <EntityRefOrUnresolved entityRef={ref} entity={entity} />
                  </TableCell>
                  <TableCell>
                    {part?.type ? PART_TYPE_LABELS[part.type] : '–'}
                  </TableCell>
                  <TableCell>
                    {address ? <code>{address}</code> : '–'}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      {showAll}
    </Section>
  );
}
