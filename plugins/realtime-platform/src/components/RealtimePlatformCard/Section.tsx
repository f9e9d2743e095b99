import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';

/** A titled block of the card with a link to its TechDocs page. */
export function Section(props: {
  title: string;
  docsTo: string;
  docsLabel: string;
  children: ReactNode;
}) {
  const { title, docsTo, docsLabel, children } = props;
  return (
    <Box component="section" mb={0.5} aria-label={title}>
      <Box display="flex" alignItems="baseline" justifyContent="space-between">
        <Typography
          variant="subtitle1"
          component="h3"
          style={{ fontWeight: 500 }}
        >
          {title}
        </Typography>
        <Typography variant="caption">
          <Link to={docsTo}>{docsLabel}</Link>
        </Typography>
      </Box>
      {children}
    </Box>
  );
}

/** A muted one-line hint. */
export function Hint(props: { children: ReactNode }) {
  return (
    <Typography variant="body2" color="textSecondary">
      {props.children}
    </Typography>
  );
}
