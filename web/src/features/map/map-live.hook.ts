import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState, type Dispatch, type RefObject, type SetStateAction } from 'react';
import type { LiveEvent } from '../live/event.plan';
import { useLive } from '../live/live.context';
import { applyPinEvents, pinMatchesFilter, type LngLat } from './map.pins';
import type { MapNotice } from './map-notices.hook';
import type { MapFilterState } from './map.url-state';
import type { MapViewState } from './map-view.hook';
import { inBox, type ViewBox } from './map.viewport';
import { UrgentIssueQuery } from './map.documents';

/**
 * Keeps the view current from `opsEvents`, a batch at a time, from the cursor
 * of the first read (later reads do not restart the subscription): pins fold
 * in place, a change the view cannot fold asks for a reload, and a new urgent
 * Issue raises a notice. Returns how many batches touched Issues.
 */
export function useMapLive(map: {
  cursor: string | null;
  viewRef: RefObject<MapViewState>;
  filterRef: RefObject<MapFilterState>;
  viewportRef: RefObject<{ box: ViewBox; zoom: number } | null>;
  setView: Dispatch<SetStateAction<MapViewState>>;
  load(): Promise<void>;
  requestReload(): void;
  notify(notice: Omit<MapNotice, 'id'>): void;
}): number {
  const live = useLive();
  const client = useApolloClient();
  const [issueEvents, setIssueEvents] = useState(0);
  const { viewRef, filterRef, viewportRef, setView, load, requestReload, notify } = map;

  // Live: from the cursor of the first read; later reads do not restart the subscription.
  const since = map.cursor;
  const [liveFrom, setLiveFrom] = useState<string | null>(null);
  if (liveFrom === null && since !== null) setLiveFrom(since);
  useEffect(() => {
    if (!live || liveFrom === null) return;
    const onEvents = (events: readonly LiveEvent[]) => {
      const current = viewRef.current;
      const viewport = viewportRef.current;
      const result = applyPinEvents(current.pins, events, {
        matches: (pin) => pinMatchesFilter(pin, filterRef.current),
        inView: (location: LngLat) => (viewport ? inBox(viewport.box, location) : false),
        clustered: current.clustered,
        now: new Date(),
      });
      if (result.changed) setView((v) => (v === current ? { ...v, pins: result.pins } : v));
      if (result.refetch || (result.changed && current.pins.size !== result.pins.size)) requestReload();
      if (events.some((e) => e.entityType === 'Issue')) setIssueEvents((n) => n + 1);
      for (const event of result.urgentCreated) {
        const safety = event.payload['category'] === 'SAFETY' ? ' — safety' : '';
        // The event carries no title or property name: ask for them, and announce it anyway if that fails.
        void client
          .query({ query: UrgentIssueQuery, variables: { id: event.entityId } })
          .then(({ data }) => data?.issue ?? null)
          .catch(() => null)
          .then((issue) =>
            notify({
              tone: 'red',
              title: issue ? `New urgent Issue at ${issue.property.name}` : 'New urgent Issue',
              message: issue ? `${issue.title}${safety}` : `Reported just now${safety}.`,
              pinId: event.entityId,
            }),
          );
      }
    };
    return live.subscribe(
      liveFrom,
      { entityTypes: ['Issue', 'Enhancement'] },
      {
        onEvents,
        resync: async () => {
          await load();
          return viewRef.current.cursor ?? undefined;
        },
      },
    );
  }, [live, client, liveFrom, notify, requestReload, load, viewRef, filterRef, viewportRef, setView]);

  return issueEvents;
}
