import Button from '@material-ui/core/Button';
import { useState } from 'react';

/**
 * Long lists render their first `LIST_LIMIT` items until asked: a platform
 * with hundreds of consumers would otherwise stall the entity page.
 */
export const LIST_LIMIT = 50;

/** The visible slice of `items` and the button that reveals the rest. */
export function useShowAll<T>(items: T[], noun: string) {
  const [all, setAll] = useState(false);
  const hidden = all ? 0 : Math.max(0, items.length - LIST_LIMIT);
  return {
    visible: hidden ? items.slice(0, LIST_LIMIT) : items,
    showAll: hidden ? (
      <Button size="small" onClick={() => setAll(true)}>
        Show all {items.length} {noun} ({hidden} more)
      </Button>
    ) : null,
  };
}
