import { useMutation, useQuery } from '@apollo/client/react';
import { useNetwork } from '@mantine/hooks';
import { Badge, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useCompanyTimeZone } from '../../ui/company-calendar';
import { formatDateTime, formatRelativeTime } from '../../ui/date.format';
import { describeError } from '../../ui/error.describe';
import { useSignedInUser } from '../auth/auth.context';
import { newClientId } from '../../ui/photo-upload';
import { Empty, QueryError, SectionSkeleton } from '../../ui/QueryState';
import { useGeolocation } from './geolocation.hook';
import { useOutbox } from './outbox.hook';
import { classifyFailure, walksFinishedOnPhone, walksStartedOnPhone } from './outbox.rules';
import { captureFirstOnPhone } from './outbox.store';
import { OutboxPanel } from './OutboxPanel';
import type { LngLat } from './walk-map.types';
import { distanceLabel, dueLabel } from './walk.format';
import { keepWalkOpen, usePrefetchWalkProperties, useDeviceCopy, WALK_LIST_KEY } from './walk.device-copy';
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
  const { online } = useNetwork();
  const user = useSignedInUser();
  // Opened once with a signal, the list (and the first properties' maps) stay on the phone.
  const list = useDeviceCopy(WALK_LIST_KEY, data?.walkList);
  usePrefetchWalkProperties(data?.walkList, online);
  const startedOnPhone = walksStartedOnPhone(outbox.items);
  const finishedOnPhone = walksFinishedOnPhone(outbox.items);

  // Started through the outbox: with a signal the server makes it at once; without, the walk
  // goes on with its client id (the server's id for it once sent) and the captures queue behind it.
  const startWalk = async (propertyId: string, name: string) => {
    setStarting(propertyId);
    const clientId = newClientId();
    const outcome = await captureFirstOnPhone(
      outbox.outbox,
      {
        clientId,
        kind: 'START_WALK',
        siteWalkId: clientId,
        label: `Walk started: ${name}`,
        input: { propertyId },
        photos: [],
      },
      navigator.onLine ? () => start({ variables: { propertyId, clientId } }) : null,
    ).catch(() => null);
    setStarting(null);
    if (!outcome) return;
    const walkId = outcome.sent ? (outcome.value.data?.startSiteWalk.id ?? clientId) : clientId;
    if (outcome.sent) void keepWalkOpen(user.id, propertyId, walkId).catch(() => undefined);
    void navigate(`/walk/${propertyId}/${walkId}`);
  };

  const targets = list.data;
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
      {list.keptAt && (
        <Text size="xs" c="orange.8" role="status" data-testid="walk-list-kept">
          No connection: the list as of {formatDateTime(list.keptAt, timeZone)}
        </Text>
      )}
      {started.error && !classifyFailure(started.error).retry && (
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
          // A walk started on this phone and not sent yet is in progress too.
          const inProgress = startedOnPhone.get(target.property.id) ?? target.openWalk?.id ?? null;
          // Finished on this phone, the completion not sent yet: done, not to be resumed.
          const finishing = inProgress !== null && finishedOnPhone.has(inProgress);
          const openWalkId = finishing ? null : inProgress;
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
                  {finishing && (
                    <Text size="xs" c="orange.8">
                      Walk finished on this phone, waiting to send
                    </Text>
                  )}
                </Stack>
                {openWalkId ? (
                  <Button
                    variant="light"
                    style={{ flexShrink: 0 }}
                    onClick={() => void navigate(`/walk/${target.property.id}/${openWalkId}`)}
                  >
                    Resume
                  </Button>
                ) : (
                  <Button
                    style={{ flexShrink: 0 }}
                    loading={starting === target.property.id}
                    onClick={() => void startWalk(target.property.id, target.property.name)}
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
