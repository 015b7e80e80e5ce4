import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useCompanyTimeZone } from '../../ui/company-calendar';
import { formatRelativeTime } from '../../ui/date.format';
import { describeError } from '../../ui/error.describe';
import { newClientId } from '../../ui/photo-upload';
import { Empty, QueryError, SectionSkeleton } from '../../ui/QueryState';
import { useGeolocation } from './geolocation.hook';
import { useOutbox } from './outbox.hook';
import { OutboxPanel } from './OutboxPanel';
import type { LngLat } from './walk-map.types';
import { distanceLabel, dueLabel } from './walk.format';
import { StartSiteWalkMutation, WalkListQuery } from './walk.graphql';

/** Where the list is sorted from: the first position the phone reports (not every step, which would reorder it). */
function useListOrigin(): { ready: boolean; near: LngLat | null } {
  const position = useGeolocation();
  const [first, setFirst] = useState<LngLat | null>(null);
  if (position.here && !first) setFirst(position.here);
  return { ready: position.state !== 'pending' || first !== null, near: first };
}

/** The properties to walk: nearest first when the phone knows where it is, else most overdue first. */
export function WalkListPage() {
  const timeZone = useCompanyTimeZone();
  const navigate = useNavigate();
  const origin = useListOrigin();
  const { data, loading, error, refetch } = useQuery(WalkListQuery, {
    variables: { near: origin.near, first: 50 },
    skip: !origin.ready,
    fetchPolicy: 'cache-and-network',
  });
  const [start, started] = useMutation(StartSiteWalkMutation);
  const [starting, setStarting] = useState<string | null>(null);
  const outbox = useOutbox();

  const startWalk = async (propertyId: string) => {
    setStarting(propertyId);
    const result = await start({ variables: { propertyId, clientId: newClientId() } }).catch(() => null);
    setStarting(null);
    const walk = result?.data?.startSiteWalk;
    if (walk) void navigate(`/walk/${propertyId}/${walk.id}`);
  };

  const targets = data?.walkList;
  return (
    <Stack gap="sm" maw={640}>
      <Title order={2}>Site walks</Title>
      <OutboxPanel outbox={outbox} />
      <Text size="sm" c="dimmed">
        {origin.near
          ? 'Nearest first'
          : origin.ready
            ? 'Most overdue first (location unavailable)'
            : 'Finding where you are…'}
      </Text>
      {started.error && (
        <Text c="red" size="sm" role="alert">
          {describeError(started.error).message}
        </Text>
      )}
      {error && !targets ? (
        <QueryError error={error} what="the walk list" onRetry={() => void refetch()} />
      ) : !targets ? (
        loading || !origin.ready ? (
          <SectionSkeleton />
        ) : (
          <Loader />
        )
      ) : targets.length === 0 ? (
        <Empty title="No properties to walk" description="Properties of the accounts you manage appear here." />
      ) : (
        targets.map((target) => {
          const distance = distanceLabel(target.distanceMeters);
          const overdue = target.dueInDays < 0;
          return (
            <Card key={target.property.id} withBorder padding="sm" data-testid="walk-target">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={2} miw={0} style={{ flex: 1 }}>
                  {/* Two lines: properties of one account often differ only at the end of their names. */}
                  <Text fw={600} lineClamp={2}>
                    {target.property.name}
                  </Text>
                  <Text size="xs" c="dimmed" truncate="end">
                    {target.property.account.name}
                    {distance ? ` · ${distance}` : ''}
                  </Text>
                  <Text size="xs">
                    Last walk:{' '}
                    {target.lastWalkedAt ? formatRelativeTime(target.lastWalkedAt, new Date(), timeZone) : 'never'}
                  </Text>
                  <Badge color={overdue ? 'red' : target.dueInDays === 0 ? 'orange' : 'gray'} variant="light">
                    {dueLabel(target.dueInDays)}
                  </Badge>
                </Stack>
                {target.openWalk ? (
                  <Button
                    variant="light"
                    style={{ flexShrink: 0 }}
                    onClick={() => void navigate(`/walk/${target.property.id}/${target.openWalk!.id}`)}
                  >
                    Resume
                  </Button>
                ) : (
                  <Button
                    style={{ flexShrink: 0 }}
                    loading={starting === target.property.id}
                    onClick={() => void startWalk(target.property.id)}
                  >
                    Start walk
                  </Button>
                )}
              </Group>
            </Card>
          );
        })
      )}
    </Stack>
  );
}
