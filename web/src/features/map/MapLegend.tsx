import { Group, Image, Paper, Stack, Text } from '@mantine/core';
import { ISSUE_STATUS_LABELS, type IssueStatus } from '@groundwork/shared';
import { useMemo } from 'react';
import { pinDataUrl } from './pin.icons';

const STATUSES: IssueStatus[] = ['OPEN', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED'];

/** What the pins mean, drawn with the same images as the map. */
export function MapLegend() {
  const rows = useMemo(
    () => [
      ...STATUSES.map((s) => ({ icon: `issue:${s}`, label: ISSUE_STATUS_LABELS[s] })),
      { icon: 'issue:ASSIGNED:urgent', label: 'Urgent (red ring)' },
      { icon: 'issue:ASSIGNED:safety', label: 'Safety' },
      { icon: 'issue:ASSIGNED:overdue', label: 'Overdue (orange halo)' },
      { icon: 'enhancement:QUALIFIED', label: 'Enhancement' },
    ],
    [],
  );
  return (
    <Paper shadow="xs" p={8} radius="md" withBorder aria-label="Legend">
      <Stack gap={2}>
        {rows.map((row) => (
          <Group key={row.icon} gap={6} wrap="nowrap">
            <Image src={pinDataUrl(row.icon) ?? undefined} w={18} h={18} alt="" />
            <Text size="xs">{row.label}</Text>
          </Group>
        ))}
        <Text size="xs" c="dimmed" maw={180}>
          Rings: many pins, split by status; click to zoom in.
        </Text>
      </Stack>
    </Paper>
  );
}
