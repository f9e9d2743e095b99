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

/** A list of dense lines (parts, key groups). */
export function DenseList(props: { label: string; children: ReactNode }) {
  return (
    <Box component="ul" aria-label={props.label} m={0} p={0}>
      {props.children}
    </Box>
  );
}

/** One line of a {@link DenseList}: its pieces side by side, wrapping when the card is narrow. */
export function DenseItem(props: { gap?: number; children: ReactNode }) {
  return (
    <Box
      component="li"
      display="flex"
      flexWrap="wrap"
      alignItems="baseline"
      style={{ listStyle: 'none', columnGap: props.gap ?? 8 }}
    >
      {props.children}
    </Box>
  );
}
