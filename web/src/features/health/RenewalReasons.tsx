import { List, Stack, Text } from '@mantine/core';
import { useId, useState } from 'react';
import { formatCount } from '../../ui/count.format';
import { ExpandToggle } from '../../ui/ExpandToggle';

type RenewalReasonsProps = {
  /** The server's reasons, most important first. */
  reasons: readonly string[];
  /** How many show before "N more"; all of them when absent. */
  collapsedCount?: number;
};

/**
 * Why a renewal is at risk, in the page rather than a hover tooltip (a phone
 * has no hover): the first reasons at once, the rest one tap away.
 */
export function RenewalReasons({ reasons, collapsedCount }: RenewalReasonsProps) {
  const [expanded, setExpanded] = useState(false);
  const listId = useId();
  if (reasons.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        —
      </Text>
    );
  }
  const hidden = collapsedCount === undefined ? 0 : Math.max(0, reasons.length - collapsedCount);
  const shown = expanded || hidden === 0 ? reasons : reasons.slice(0, collapsedCount);
  return (
    <Stack gap={2} maw={340} data-testid="renewal-reasons">
      <List size="xs" spacing={2} id={listId} styles={{ itemWrapper: { minWidth: 0 } }}>
        {shown.map((reason) => (
          <List.Item key={reason} data-testid="renewal-reason">
            {reason}
          </List.Item>
        ))}
      </List>
      {hidden > 0 && (
        <ExpandToggle expanded={expanded} controls={listId} onToggle={() => setExpanded((open) => !open)}>
          {expanded ? 'Show fewer' : formatCount(hidden, 'more reason')}
        </ExpandToggle>
      )}
    </Stack>
  );
}
