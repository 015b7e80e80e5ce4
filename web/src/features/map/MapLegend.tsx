import { Button, Collapse, Group, Image, Paper, Stack, Text } from '@mantine/core';
import { ISSUE_STATUS_LABELS, type IssueStatus } from '@groundwork/shared';
import { IconChevronDown, IconChevronUp } from '@tabler/icons-react';
import { useId, useMemo, useState } from 'react';
import { pinDataUrl } from './pin.icons';

const STATUSES: IssueStatus[] = ['OPEN', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED'];

/** What the pins mean, drawn with the same images as the map; folds away to a button so it never covers pins. */
export function MapLegend({ defaultOpened }: { defaultOpened: boolean }) {
  const [opened, setOpened] = useState(defaultOpened);
  const id = useId();
  const rows = useMemo(
    () => [
      ...STATUSES.map((s) => ({ icon: `issue:${s}`, label: ISSUE_STATUS_LABELS[s] })),
      { icon: 'issue:ASSIGNED:urgent', label: 'Urgent (red ring)' },
      { icon: 'issue:ASSIGNED:safety', label: 'Safety' },
      { icon: 'issue:ASSIGNED:overdue', label: 'Overdue (orange ring)' },
      { icon: 'enhancement:QUALIFIED', label: 'Enhancement' },
    ],
    [],
  );
  return (
    <Paper shadow="xs" p={4} radius="md" withBorder>
      <Button
        size="compact-xs"
        variant="subtle"
        color="gray"
        onClick={() => setOpened((o) => !o)}
        aria-expanded={opened}
        aria-controls={id}
        rightSection={opened ? <IconChevronUp size={12} /> : <IconChevronDown size={12} />}
      >
        Legend
      </Button>
      <Collapse expanded={opened} id={id}>
        <Stack gap={2} p={4}>
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
      </Collapse>
    </Paper>
  );
}
