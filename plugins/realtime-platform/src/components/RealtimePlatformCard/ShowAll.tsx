import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useState } from 'react';

/**
 * Items a list shows at first: a card of any size renders about as fast as a small one (the
 * first view's cost grows with what it renders, not with what the platform has).
 */
export const LIST_LIMIT = 10;

/** Items per page once the whole list is asked for. */
export const PAGE_SIZE = 25;

/** The visible slice of `items` and the controls that reveal, filter and page the rest. */
export function useShowAll(
  items: string[],
  noun: string,
): { visible: string[]; showAll: ReactNode } {
  const [all, setAll] = useState(false);
  const [filter, setFilter] = useState('');
  const [page, setPage] = useState(0);
  if (!all) {
    const hidden = Math.max(0, items.length - LIST_LIMIT);
    return {
      visible: hidden ? items.slice(0, LIST_LIMIT) : items,
      showAll: hidden ? (
        <Button size="small" onClick={() => setAll(true)}>
          Show all {items.length} {noun} ({hidden} more)
        </Button>
      ) : null,
    };
  }
  const needle = filter.trim().toLowerCase();
  const matching = needle
    ? items.filter(i => i.toLowerCase().includes(needle))
    : items;
  const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const from = current * PAGE_SIZE;
  const visible = matching.slice(from, from + PAGE_SIZE);
  return {
    visible,
    showAll: (
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <TextField
          size="small"
          placeholder={`Filter ${noun}`}
          inputProps={{ 'aria-label': `Filter ${noun}` }}
          value={filter}
          onChange={e => {
            setFilter(e.target.value);
            setPage(0);
          }}
        />
        <Typography variant="caption" data-testid={`${noun}-range`}>
          {matching.length
            ? `${from + 1}–${from + visible.length} of ${matching.length}`
            : `no ${noun} match`}
        </Typography>
        <Button
          size="small"
          disabled={current === 0}
          onClick={() => setPage(current - 1)}
        >
          Previous
        </Button>
        <Button
          size="small"
          disabled={current >= pages - 1}
          onClick={() => setPage(current + 1)}
        >
          Next
        </Button>
      </Box>
    ),
  };
}
