import { Entity } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { displayEntity } from './displayEntity';

/**
 * A link to a related entity, or, when the catalog does not have it, the ref
 * as text with a hint. The ref is already validated, so it is safe to print.
 */
export function EntityRefOrUnresolved(props: {
  entityRef: string;
  entity: Entity | undefined;
}) {
  const { entityRef, entity } = props;
  if (entity) {
    return <EntityRefLink entityRef={displayEntity(entity)} />;
  }
  return (
    <span data-testid="unresolved-ref">
      <Typography component="span" variant="body2">
        {entityRef}
      </Typography>{' '}
      <Typography component="span" variant="caption" color="error">
        (unresolved: not in the catalog; check the reference or register the
        entity)
      </Typography>
    </span>
  );
}
