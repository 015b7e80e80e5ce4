import {
  ENHANCEMENT_STAGE_LABELS,
  ISSUE_CATEGORY_LABELS,
  ISSUE_STATUS_LABELS,
  ISSUE_URGENCY_LABELS,
} from '@groundwork/shared';
import { Badge, CloseButton, Group, Image, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useEffect, useId, useMemo, useRef } from 'react';
import { useCompanyTimeZone } from '../../ui/company-calendar';
import { formatCount } from '../../ui/count.format';
import { formatRelativeTime } from '../../ui/date.format';
import { ENHANCEMENT_STAGE_COLORS, ISSUE_STATUS_COLORS, ISSUE_URGENCY_COLORS } from '../../ui/domain.colors';
import type { MapCrew } from './CrewPanel';
import { pinListEntries, PIN_LIST_LIMIT } from './map.pin-list';
import { pinIcon, type Pin } from './map.pins';
import classes from './MapPage.module.css';
import { pinDataUrl } from './pin.icons';

type PinListProps = {
  /** The element's id, for the toggle's aria-controls. */
  id: string;
  /** What the map has loaded for the view and filters (the map's own state, not a second read). */
  pins: ReadonlyMap<string, Pin>;
  properties: readonly { id: string; name: string }[];
  crews: readonly MapCrew[];
  /** The view is drawn as groups: the server sent counts, not pins. */
  clustered: boolean;
  pinCount: number;
  loading: boolean;
  selectedId: string | null;
  onOpen: (id: string) => void;
  onClose: () => void;
  limit?: number;
  now?: Date;
};

/**
 * The pins in view as a list: the way to the map's work for a keyboard or a
 * screen reader (pins are drawn on a canvas, out of their reach), and a quick
 * scan for anyone. Each entry opens the pin's drawer, as a click on it does.
 */
export function PinList({
  id,
  pins,
  properties,
  crews,
  clustered,
  pinCount,
  loading,
  selectedId,
  onOpen,
  onClose,
  limit = PIN_LIST_LIMIT,
  now = new Date(),
}: PinListProps) {
  const timeZone = useCompanyTimeZone();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened from its toggle: the reader is taken to it (the filters would stand between them otherwise).
  useEffect(() => heading.current?.focus(), []);
  const { shown, total } = useMemo(() => pinListEntries(pins.values(), limit), [pins, limit]);
  const propertyNames = useMemo(() => new Map(properties.map((p) => [p.id, p.name])), [properties]);
  const crewNames = useMemo(() => new Map(crews.map((c) => [c.id, c.name])), [crews]);

  const summary = clustered
    ? `${formatCount(pinCount, 'pin')} in view, drawn in groups: zoom in to list them.`
    : loading && total === 0
      ? 'Loading what is in view…'
      : total === 0
        ? 'Nothing open in view with these filters.'
        : total > shown.length
          ? `Showing ${shown.length} of ${formatCount(total, 'pin')} in view, what needs attention first: zoom in to see all.`
          : `${formatCount(total, 'pin')} in view, what needs attention first.`;

  return (
    <section
      id={id}
      className={classes.list}
      aria-labelledby={headingId}
      data-testid="pin-list"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented) onClose();
      }}
    >
      <Group justify="space-between" gap={4} wrap="nowrap" px="sm" pt="xs">
        <Title order={4} id={headingId} ref={heading} tabIndex={-1} fz="md">
          In view
        </Title>
        <CloseButton size="sm" onClick={onClose} aria-label="Close the list" />
      </Group>
      <Text size="xs" c="dimmed" px="sm" pb={6} aria-live="polite" data-testid="pin-list-summary">
        {summary}
      </Text>
      <ul className={classes.listScroll} aria-labelledby={headingId}>
        {shown.map((pin) => (
          <li key={pin.id}>
            <UnstyledButton
              className={classes.listItem}
              onClick={() => onOpen(pin.id)}
              aria-current={pin.id === selectedId || undefined}
              data-pin-id={pin.id}
            >
              <PinEntry
                pin={pin}
                property={propertyNames.get(pin.propertyId) ?? null}
                crew={pin.crewId ? (crewNames.get(pin.crewId) ?? null) : null}
                now={now}
                timeZone={timeZone}
              />
            </UnstyledButton>
          </li>
        ))}
      </ul>
    </section>
  );
}

function PinEntry({
  pin,
  property,
  crew,
  now,
  timeZone,
}: {
  pin: Pin;
  property: string | null;
  crew: string | null;
  now: Date;
  timeZone: string;
}) {
  const issue = pin.kind === 'ISSUE';
  return (
    <Group gap={8} wrap="nowrap" align="flex-start" component="span">
      <Image src={pinDataUrl(pinIcon(pin)) ?? undefined} w={20} h={20} alt="" />
      <Stack gap={2} style={{ minWidth: 0 }} component="span">
        <Text size="sm" fw={600} component="span">
          {pin.title}
        </Text>
        <Text size="xs" c="dimmed" component="span">
          {issue ? 'Issue' : 'Enhancement'}
          {property ? ` · ${property}` : ''}
          {issue && pin.category ? ` · ${ISSUE_CATEGORY_LABELS[pin.category]}` : ''}
        </Text>
        <Group gap={4} component="span">
          {issue && pin.urgency && (
            <Badge
              size="xs"
              component="span"
              color={ISSUE_URGENCY_COLORS[pin.urgency]}
              variant={pin.urgency === 'URGENT' ? 'filled' : 'light'}
            >
              {ISSUE_URGENCY_LABELS[pin.urgency]}
            </Badge>
          )}
          {issue && pin.status && (
            <Badge size="xs" component="span" variant="light" color={ISSUE_STATUS_COLORS[pin.status]}>
              {ISSUE_STATUS_LABELS[pin.status]}
            </Badge>
          )}
          {!issue && pin.stage && (
            <Badge size="xs" component="span" variant="light" color={ENHANCEMENT_STAGE_COLORS[pin.stage]}>
              {ENHANCEMENT_STAGE_LABELS[pin.stage]}
            </Badge>
          )}
          {pin.overdue && (
            <Badge size="xs" component="span" color="red" variant="filled">
              Overdue
            </Badge>
          )}
        </Group>
        {issue && (
          <Text size="xs" component="span" c={pin.overdue ? 'red.8' : undefined}>
            {crew ?? 'No crew'} · {pin.dueAt ? `due ${formatRelativeTime(pin.dueAt, now, timeZone)}` : 'no due date'}
          </Text>
        )}
      </Stack>
    </Group>
  );
}
