import { useQuery } from '@apollo/client/react';
import { Alert, Button, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconCurrentLocation, IconFlag, IconPlus, IconSparkles } from '@tabler/icons-react';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { hasWebGL2, MapErrorBoundary } from '../../ui/PropertyMap';
import { QueryError } from '../../ui/QueryState';
import { RecordDrawer, type RecordRef } from '../records/RecordDrawer';
import { EnhancementSheet } from './EnhancementSheet';
import { FinishWalkSheet } from './FinishWalkSheet';
import { useGeolocation } from './geolocation.hook';
import { IssueSheet } from './IssueSheet';
import { useOutbox } from './outbox.hook';
import { draftPins } from './outbox.rules';
import { OutboxPanel } from './OutboxPanel';
import type { LngLat, WalkPin } from './walk-map.types';
import { useDeviceCopy, walkPropertyKey } from './walk.device-copy';
import { nextVisitsLabel } from './walk.format';
import { WalkPropertyQuery } from './walk.graphql';

const WalkMapCanvas = lazy(() => import('./WalkMapCanvas').then((m) => ({ default: m.WalkMapCanvas })));

type Sheet = 'issue' | 'enhancement' | 'finish' | null;

/**
 * One property's walk on a phone: the map fills the screen; tap a spot (or
 * "Here") and capture an Issue or an Enhancement there; "Finish" completes the walk.
 */
export function SiteWalkPage() {
  const { propertyId = '', walkId = '' } = useParams();
  const { data: live, error, refetch } = useQuery(WalkPropertyQuery, { variables: { propertyId } });
  // Without a signal: the copy kept when this property (or the walk list) was last opened with one.
  const { data, keptAt } = useDeviceCopy(walkPropertyKey(propertyId), live);
  const position = useGeolocation();
  const [webgl] = useState(hasWebGL2);
  const [spot, setSpot] = useState<LngLat | null>(null);
  const [sheet, setSheet] = useState<Sheet>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [finished, setFinished] = useState<string | null>(null);
  const [record, setRecord] = useState<RecordRef | null>(null);
  const outbox = useOutbox();

  const pins = useMemo<WalkPin[]>(
    () => [
      ...(data?.issues.nodes ?? []).map((i) => ({
        id: i.id,
        kind: 'ISSUE' as const,
        title: i.title,
        location: i.location,
      })),
      ...(data?.enhancements.nodes ?? []).map((e) => ({
        id: e.id,
        kind: 'ENHANCEMENT' as const,
        title: e.title,
        location: e.location,
      })),
      // Captured here and not sent yet: drawn apart, replaced by the server's pin once sent.
      ...draftPins(outbox.items, walkId),
    ],
    [data, outbox.items, walkId],
  );
  // Drafts sent by the outbox leave it: the server's pins are read again to show them.
  const drafts = pins.filter((pin) => pin.draft).length;
  const lastDrafts = useRef(drafts);
  useEffect(() => {
    if (drafts < lastDrafts.current) void refetch().catch(() => undefined);
    lastDrafts.current = drafts;
  }, [drafts, refetch]);
  const pick = useCallback((chosen: LngLat) => setSpot(chosen), []);
  const openPin = useCallback((pin: WalkPin) => {
    // A draft has no record on the server yet: say so rather than open an empty drawer.
    if (pin.draft) setMessage(`Not sent yet: ${pin.title}`);
    else setRecord({ kind: pin.kind, id: pin.id });
  }, []);

  const saved = (text: string) => {
    setSheet(null);
    setSpot(null);
    setMessage(text);
    // The new pin appears on the map (with no signal the draft pin stands for it).
    void refetch().catch(() => undefined);
  };

  if (error && !data) {
    return (
      <Stack>
        <OutboxPanel outbox={outbox} />
        <QueryError error={error} what="the property" onRetry={() => void refetch()} />
      </Stack>
    );
  }
  const property = data?.property;
  // Whom what is captured now goes to, and when (kept on the phone with the rest of the property).
  const visits = property ? nextVisitsLabel(property.schedules) : null;

  return (
    <div style={{ position: 'relative', height: 'calc(100dvh - 52px - 2 * var(--mantine-spacing-md))' }}>
      {!property ? (
        <Skeleton height="100%" />
      ) : webgl ? (
        <MapErrorBoundary height={400}>
          <Suspense fallback={<Skeleton height="100%" />}>
            <WalkMapCanvas
              property={property}
              pins={pins}
              here={position.here}
              spot={spot}
              onPick={pick}
              onOpenPin={openPin}
            />
          </Suspense>
        </MapErrorBoundary>
      ) : (
        <Text c="dimmed" role="status">
          This browser cannot draw the map; use “Here” to capture at your position.
        </Text>
      )}
      <Paper
        shadow="md"
        p="xs"
        radius="md"
        style={{ position: 'absolute', left: 8, right: 8, bottom: 8, zIndex: 3 }}
        data-testid="walk-controls"
      >
        <Stack gap={6}>
          <OutboxPanel outbox={outbox} />
          {keptAt && (
            <Text size="xs" c="orange.8" data-testid="walk-kept">
              No connection: pins as of the last visit with a signal
            </Text>
          )}
          {finished ? (
            <Alert color="green" title="Walk finished">
              <Text size="sm" data-testid="walk-summary">
                {finished}
              </Text>
              <Button component={Link} to="/walk" mt="xs" variant="light">
                Back to the list
              </Button>
            </Alert>
          ) : (
            <>
              {visits && (
                <Text size="xs" c="dimmed" lineClamp={2} data-testid="walk-visits">
                  {visits}
                </Text>
              )}
              <Text size="sm" role="status" data-testid="walk-message" c={message ? 'green.8' : 'dimmed'}>
                {message ?? (spot ? 'Spot chosen' : `${property?.name ?? ''}: tap the map to choose a spot, or “Here”`)}
              </Text>
              <Group gap={6} grow wrap="nowrap">
                <Button
                  variant="default"
                  px="xs"
                  leftSection={<IconCurrentLocation size={18} />}
                  disabled={!position.here}
                  onClick={() => position.here && setSpot(position.here)}
                >
                  Here
                </Button>
                <Button
                  px="xs"
                  leftSection={<IconPlus size={18} />}
                  disabled={!spot}
                  onClick={() => {
                    setMessage(null);
                    setSheet('issue');
                  }}
                >
                  New Issue
                </Button>
              </Group>
              <Group gap={6} grow wrap="nowrap">
                <Button
                  variant="light"
                  px="xs"
                  leftSection={<IconSparkles size={18} />}
                  disabled={!spot}
                  onClick={() => {
                    setMessage(null);
                    setSheet('enhancement');
                  }}
                  // "New Enhancement" does not fit half a phone's width beside "Finish": the icon says "new".
                  aria-label="New Enhancement"
                >
                  Enhancement
                </Button>
                <Button
                  variant="outline"
                  px="xs"
                  leftSection={<IconFlag size={18} />}
                  onClick={() => setSheet('finish')}
                >
                  Finish
                </Button>
              </Group>
            </>
          )}
        </Stack>
      </Paper>
      {spot && (
        <>
          <IssueSheet
            opened={sheet === 'issue'}
            propertyId={propertyId}
            siteWalkId={walkId}
            spot={spot}
            onClose={() => setSheet(null)}
            onSaved={saved}
            onOpenIssue={(id) => setRecord({ kind: 'ISSUE', id })}
            outbox={outbox.outbox}
          />
          <EnhancementSheet
            opened={sheet === 'enhancement'}
            propertyId={propertyId}
            siteWalkId={walkId}
            spot={spot}
            onClose={() => setSheet(null)}
            onSaved={saved}
            outbox={outbox.outbox}
          />
        </>
      )}
      <FinishWalkSheet
        opened={sheet === 'finish'}
        siteWalkId={walkId}
        onClose={() => setSheet(null)}
        outbox={outbox.outbox}
        pendingCaptures={outbox.items.some((item) => item.siteWalkId === walkId)}
        onFinished={(summary) => {
          setSheet(null);
          setFinished(summary);
        }}
      />
      <RecordDrawer record={record} onClose={() => setRecord(null)} />
    </div>
  );
}
