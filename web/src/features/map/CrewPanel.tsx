import { useQuery } from '@apollo/client/react';
import { Badge, Card, Group, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { graphql } from '../../gql';
import type { MapCrewsQuery as MapCrewsData } from '../../gql/graphql';
import { formatLocalDate } from '../../ui/date.format';
import { QueryError, SectionSkeleton } from '../../ui/QueryState';
import { createReloadScheduler, RELOAD_DELAY_MS, type ReloadScheduler } from '../live/event.batch';
import classes from './CrewPanel.module.css';

export const MapCrewsQuery = graphql(`
  query MapCrews {
    crews {
      id
      name
      color
      openIssueCount
      overdueIssueCount
      serviceLine {
        id
        name
      }
      nextVisits(first: 3) {
        date
        schedule {
          id
          property {
            id
            name
          }
        }
      }
    }
  }
`);

export type MapCrew = MapCrewsData['crews'][number];

type CrewPanelProps = {
  /** Changes whenever Issue events arrive: the counts are reloaded. */
  refreshKey: number;
  /** Crews are drop targets only for people who may assign. */
  canAssign: boolean;
  onCrews?: (crews: readonly MapCrew[]) => void;
  onPickCrew?: (crewId: string) => void;
  /** How to assign where this panel is shown (dragging needs a mouse and the panel beside the map). */
  hint?: string;
  /** Off inside a sheet that has the title already. */
  withTitle?: boolean;
};

/** Every crew with its open and overdue work and next visits; drop a pin on a crew to assign it. */
export function CrewPanel({
  refreshKey,
  canAssign,
  onCrews,
  onPickCrew,
  hint = 'Drag a pin onto a crew to assign it',
  withTitle = true,
}: CrewPanelProps) {
  const { data, error, refetch } = useQuery(MapCrewsQuery);
  // The counts follow live events a moment later, a burst in one refetch: refetching at the event
  // itself competed with the map drawing the change — a dropped pin's confirmation — for the main
  // thread (bench:web drag-to-assign).
  const reloads = useRef<ReloadScheduler | null>(null);
  useEffect(() => {
    const scheduler = createReloadScheduler(() => refetch(), RELOAD_DELAY_MS, { leading: false });
    reloads.current = scheduler;
    return () => scheduler.dispose();
  }, [refetch]);
  useEffect(() => {
    if (refreshKey > 0) reloads.current?.request();
  }, [refreshKey]);
  useEffect(() => {
    if (data) onCrews?.(data.crews);
  }, [data, onCrews]);

  return (
    <Stack gap="xs" className={classes.panel} aria-label="Crews">
      <Group justify="space-between">
        {withTitle && <Title order={5}>Crews</Title>}
        {canAssign && (
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        )}
      </Group>
      {error && !data ? (
        <QueryError error={error} what="the crews" onRetry={() => void refetch()} />
      ) : !data ? (
        <SectionSkeleton lines={6} />
      ) : (
        <ScrollArea.Autosize
          mah="calc(100vh - 220px)"
          offsetScrollbars
          // Scrollable by keyboard too: the crew cards themselves take no focus.
          viewportProps={{ tabIndex: 0, 'aria-label': 'Crews' }}
        >
          <Stack gap={6}>
            {data.crews.map((crew) => (
              <Card
                key={crew.id}
                withBorder
                padding="xs"
                className={classes.crew}
                data-testid="crew-card"
                {...(canAssign ? { 'data-crew-drop': crew.id } : {})}
                aria-label={crew.name}
                onClick={() => onPickCrew?.(crew.id)}
              >
                <Group gap={8} wrap="nowrap" align="flex-start">
                  <span className={classes.swatch} style={{ background: crew.color }} aria-hidden />
                  <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                    {/* The name wraps and the counts keep their width: neither is cut short. */}
                    <Group justify="space-between" wrap="nowrap" gap={4} align="flex-start">
                      <Text fw={600} size="sm" className={classes.name}>
                        {crew.name}
                      </Text>
                      <Group gap={4} wrap="nowrap" className={classes.counts}>
                        <Badge size="sm" variant="light" color="blue" data-testid="crew-open">
                          {crew.openIssueCount} open
                        </Badge>
                        {crew.overdueIssueCount > 0 && (
                          <Badge size="sm" variant="filled" color="orange" data-testid="crew-overdue">
                            {crew.overdueIssueCount} late
                          </Badge>
                        )}
                      </Group>
                    </Group>
                    <Text size="xs" c="dimmed">
                      {crew.serviceLine.name}
                    </Text>
                    {crew.nextVisits.length > 0 && (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        Next:{' '}
                        {crew.nextVisits
                          .map((v) => `${formatLocalDate(v.date)} ${v.schedule.property.name}`)
                          .join(' · ')}
                      </Text>
                    )}
                  </Stack>
                </Group>
              </Card>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}
