import { Link } from '@backstage/core-components';
import {
  ANNOTATION_LENSES_HQ_URL,
  ANNOTATION_METABASE_URL,
  RealtimeProblem,
  SafeLink,
} from '@internal/plugin-realtime-platform-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { docsLinks } from '../../docs';
import { Hint } from './Section';

function ToolLink(props: {
  label: string;
  link?: SafeLink;
  refusals: RealtimeProblem[];
  annotation: string;
}) {
  const { label, link, refusals, annotation } = props;
  return (
    <ListItem disableGutters style={{ width: 'auto' }}>
      {link ? (
        <Link to={link.url} target="_blank" rel="noopener noreferrer">
          {label}
        </Link>
      ) : (
        <Hint>
          {label}: no URL ({annotation}, metadata.links or app-config).
        </Hint>
      )}
      {refusals.map((r, i) => (
        <Hint key={i}>
          &nbsp;{r.message} ({r.annotation})
        </Hint>
      ))}
    </ListItem>
  );
}

/** Lenses HQ and Metabase on one line, opening in a new tab; unsafe URLs are refused. */
export function LinksSection(props: {
  lensesHq?: SafeLink;
  metabase?: SafeLink;
  problems: RealtimeProblem[];
}) {
  const { lensesHq, metabase, problems } = props;
  const refusals = (label: string) =>
    problems.filter(p => p.message.startsWith(`${label} link refused`));
  return (
    <Box component="section" aria-label="Links" mb={0.5}>
      <List
        dense
        disablePadding
        aria-label="Links"
        style={{ display: 'flex', flexWrap: 'wrap', columnGap: 24 }}
      >
        <ToolLink
          label="Lenses HQ"
          link={lensesHq}
          refusals={refusals('Lenses HQ')}
          annotation={ANNOTATION_LENSES_HQ_URL}
        />
        <ToolLink
          label="Metabase"
          link={metabase}
          refusals={refusals('Metabase')}
          annotation={ANNOTATION_METABASE_URL}
        />
        <ListItem disableGutters style={{ width: 'auto' }}>
          <Typography variant="caption">
            <Link to={docsLinks.access}>Access guide</Link>
          </Typography>
        </ListItem>
      </List>
    </Box>
  );
}
