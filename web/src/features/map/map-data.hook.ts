import { useApolloClient } from '@apollo/client/react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { graphql } from '../../gql';
import { describeError } from '../../ui/error.describe';
import { createReloadScheduler, type ReloadScheduler } from '../live/event.batch';
import type { LiveEvent } from '../live/event.plan';
import { useLive } from '../live/live.context';
import {
  applyPinEvents,
  droppedPin,
  pinFeature,
  pinMatchesFilter,
  pinsToGeoJSON,
  type PinDrop,
  type PinFeature,
  type LngLat,
  type Pin,
} from './map.pins';
import { toMapFilterInput, type MapFilterState } from './map.url-state';
import { inBox, requestZoom, sameView, unionBox, type ViewBox } from './map.viewport';
import type { MapClusterData, MapPropertyData } from './ops-map.controller';

export const MapViewQuery = graphql(`
  query MapView($bbox: BBoxInput!, $zoom: Float!, $filter: MapFilter) {
    mapView(bbox: $bbox, zoom: $zoom, filter: $filter) {
      cursor
      clustered
      truncated
      pinCount
      pinLimit
      propertyCount
      properties {
        id
        name
        accountId
        boundary
        centroid {
          lng
          lat
        }
      }
      pins {
        id
        kind
        title
        status
        stage
        urgency
        category
        overdue
        dueAt
        crewId
        version
        propertyId
        accountId
        location {
          lng
          lat
        }
      }
      clusters {
        id
        count
        enhancementCount
        urgentCount
        overdueCount
        location {
          lng
          lat
        }
        bounds {
          west
          south
          east
          north
        }
        byStatus {
          status
          count
        }
      }
    }
  }
`);

export const MapAssignIssueMutation = graphql(`
  mutation MapAssignIssue($input: AssignIssueInput!) {
    assignIssue(input: $input) {
      id
      status
      version
      crew {
        id
      }
    }
  }
`);

export const MapMoveIssueMutation = graphql(`
  mutation MapMoveIssue($input: MoveIssueInput!) {
    moveIssue(input: $input) {
      id
      version
      location {
        lng
        lat
      }
    }
  }
`);

export type MapNotice = {
  id: number;
  tone: 'red' | 'orange' | 'green' | 'blue';
  title: string;
  message: string;
  /** An Issue to open from the notice. */
  pinId?: string;
};

type ViewState = {
  cursor: string | null;
  clustered: boolean;
  truncated: boolean;
  pinCount: number;
  pinLimit: number;
  propertyCount: number;
  properties: MapPropertyData[];
  pins: Map<string, Pin>;
  clusters: MapClusterData[];
};

const EMPTY_VIEW: ViewState = {
  cursor: null,
  clustered: false,
  truncated: false,
  pinCount: 0,
  pinLimit: 0,
  propertyCount: 0,
  properties: [],
  pins: new Map(),
  clusters: [],
};

const WORLD: ViewBox = { west: -180, south: -85, east: 180, north: 85 };
// Panning fires moveend often; ask once the map has settled.
const VIEWPORT_SETTLE_MS = 150;

/**
 * The live map's data: what is in view (read on every pan and zoom, and
 * when the filters change), kept current from `opsEvents` a batch at a time
 * from the cursor of the first read, with optimistic assignment and moves
 * that roll back with a clear notice when the server refuses.
 */
export function useMapData(filter: MapFilterState, options: { needsFrame: boolean; crewName(id: string): string }) {
  const client = useApolloClient();
  const live = useLive();
  const [view, setView] = useState<ViewState>(EMPTY_VIEW);
  const [status, setStatus] = useState<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = useState<unknown>(null);
  const [frame, setFrame] = useState<ViewBox | null>(null);
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [notices, setNotices] = useState<MapNotice[]>([]);
  const [issueEvents, setIssueEvents] = useState(0);

  const viewRef = useRef(view);
  const filterRef = useRef(filter);
  const crewNameRef = useRef(options.crewName);
  // Read by the map's and the socket's callbacks, which outlive a render.
  useLayoutEffect(() => {
    viewRef.current = view;
    filterRef.current = filter;
    crewNameRef.current = options.crewName;
  });
  const viewportRef = useRef<{ box: ViewBox; zoom: number } | null>(null);
  const requestSeq = useRef(0);
  const noticeSeq = useRef(0);

  const notify = useCallback((notice: Omit<MapNotice, 'id'>) => {
    const id = ++noticeSeq.current;
    setNotices((list) => [...list.slice(-3), { ...notice, id }]);
    setTimeout(() => setNotices((list) => list.filter((n) => n.id !== id)), 10_000);
  }, []);
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);

  const setPins = useCallback((update: (pins: Map<string, Pin>) => Map<string, Pin>) => {
    setView((current) => ({ ...current, pins: update(current.pins) }));
  }, []);

  const load = useCallback(async () => {
    const viewport = viewportRef.current;
    if (!viewport) return;
    const seq = ++requestSeq.current;
    try {
      const { data } = await client.query({
        query: MapViewQuery,
        variables: {
          bbox: viewport.box,
          zoom: requestZoom(viewport.zoom),
          filter: toMapFilterInput(filterRef.current),
        },
        // The map keeps its own state (it is replaced per view, and folded from events): nothing to cache.
        fetchPolicy: 'no-cache',
      });
      if (seq !== requestSeq.current || !data) return;
      const m = data.mapView;
      setView({
        cursor: m.cursor,
        clustered: m.clustered,
        truncated: m.truncated,
        pinCount: m.pinCount,
        pinLimit: m.pinLimit,
        propertyCount: m.propertyCount,
        properties: m.properties,
        pins: new Map(m.pins.map((p) => [p.id, p])),
        clusters: m.clusters,
      });
      setStatus('ready');
      setError(null);
    } catch (err) {
      if (seq !== requestSeq.current) return;
      setError(err);
      setStatus('error');
    }
  }, [client]);

  const reloadsRef = useRef<ReloadScheduler | null>(null);
  useEffect(() => {
    const scheduler = createReloadScheduler(() => load());
    reloadsRef.current = scheduler;
    return () => scheduler.dispose();
  }, [load]);
  const requestReload = useCallback(() => reloadsRef.current?.request(), []);

  // Pans and zooms settle before asking; a new filter asks at once.
  const settleTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onViewport = useCallback(
    (viewport: { box: ViewBox; zoom: number }) => {
      const previous = viewportRef.current;
      const first = previous === null;
      // The map's first report after it loads is usually the view the page already asked for (from the URL).
      if (previous && sameView(previous, viewport)) return;
      viewportRef.current = viewport;
      if (settleTimer.current) clearTimeout(settleTimer.current);
      // The first report is the map at rest where it opened: nothing to wait for (bench:web's time to first idle).
      if (first) void load();
      else settleTimer.current = setTimeout(() => void load(), VIEWPORT_SETTLE_MS);
    },
    [load],
  );
  const filterKey = JSON.stringify(filter);
  // The first read waits for the first viewport report; after that a new filter reads at once.
  const loadedFilterKey = useRef(filterKey);
  useEffect(() => {
    if (loadedFilterKey.current === filterKey) return;
    loadedFilterKey.current = filterKey;
    void load();
  }, [filterKey, load]);

  // With no viewport in the URL, frame everything the viewer may see (one clustered read of the world).
  useEffect(() => {
    if (!options.needsFrame) return;
    void client
      .query({ query: MapViewQuery, variables: { bbox: WORLD, zoom: 1, filter: {} }, fetchPolicy: 'no-cache' })
      .then(({ data }) => {
        const m = data?.mapView;
        if (!m) return;
        const points = [...m.pins.map((p) => p.location), ...m.properties.map((p) => p.centroid)].map((l) => ({
          west: l.lng,
          east: l.lng,
          south: l.lat,
          north: l.lat,
        }));
        setFrame(unionBox([...m.clusters.map((c) => c.bounds), ...points]));
      })
      .catch(() => undefined);
  }, [client, options.needsFrame]);

  // Live: from the cursor of the first read; later reads do not restart the subscription.
  const since = view.cursor;
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
        notify({
          tone: 'red',
          title: 'New urgent Issue',
          message: `Reported just now${event.payload['category'] === 'SAFETY' ? ' — safety' : ''}. Open it from the map.`,
          pinId: event.entityId,
        });
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
  }, [live, liveFrom, notify, requestReload, load]);

  const withPending = (id: string, on: boolean) =>
    setPending((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  /** Puts the server's refusal in words, rolls the pin back and, on a conflict, shows the current state. */
  const refused = (err: unknown, original: Pin, action: string) => {
    const { code, title, message } = describeError(err);
    setPins((pins) => {
      const now = pins.get(original.id);
      // A live event may already have brought a newer state: keep that rather than the old one.
      if (now && now.version > original.version) return pins;
      return new Map(pins).set(original.id, original);
    });
    if (code === 'VERSION_CONFLICT') {
      requestReload();
      notify({
        tone: 'orange',
        title: `Not ${action}: someone else changed this Issue first`,
        message: `“${original.title}” now shows their change. Check it, then try again if it still needs doing.`,
        pinId: original.id,
      });
    } else if (code === 'FORBIDDEN') {
      notify({ tone: 'red', title: `You may not change “${original.title}”`, message, pinId: original.id });
    } else {
      notify({ tone: 'red', title: `Not ${action}: ${title}`, message, pinId: original.id });
    }
  };

  const assign = useCallback(
    async (id: string, crewId: string) => {
      const original = viewRef.current.pins.get(id);
      const optimistic = droppedPin(original, { crewId });
      if (!original || !optimistic) return;
      setPins((pins) => new Map(pins).set(id, optimistic));
      withPending(id, true);
      try {
        const { data } = await client.mutate({
          mutation: MapAssignIssueMutation,
          variables: { input: { issueId: id, crewId, expectedVersion: original.version } },
        });
        const issue = data?.assignIssue;
        if (issue) {
          setPins((pins) => {
            const now = pins.get(id);
            if (!now || now.version > issue.version) return pins;
            return new Map(pins).set(id, {
              ...now,
              crewId: issue.crew?.id ?? null,
              status: issue.status,
              version: issue.version,
            });
          });
          notify({
            tone: 'green',
            title: `Assigned to ${crewNameRef.current(crewId)}`,
            message: original.title,
            pinId: id,
          });
        }
      } catch (err) {
        refused(err, original, 'assigned');
      } finally {
        withPending(id, false);
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the helpers only use refs and stable setters
    [client, notify, setPins],
  );

  const move = useCallback(
    async (id: string, location: LngLat) => {
      const original = viewRef.current.pins.get(id);
      const optimistic = droppedPin(original, { location });
      if (!original || !optimistic) return;
      setPins((pins) => new Map(pins).set(id, optimistic));
      withPending(id, true);
      try {
        const { data } = await client.mutate({
          mutation: MapMoveIssueMutation,
          variables: { input: { issueId: id, location, expectedVersion: original.version } },
        });
        const issue = data?.moveIssue;
        if (issue) {
          setPins((pins) => {
            const now = pins.get(id);
            if (!now || now.version > issue.version) return pins;
            return new Map(pins).set(id, { ...now, location: issue.location, version: issue.version });
          });
        }
      } catch (err) {
        refused(err, original, 'moved');
      } finally {
        withPending(id, false);
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the helpers only use refs and stable setters
    [client, notify, setPins],
  );

  /**
   * A drop on the map: starts the assignment or move and returns the pin's
   * optimistic look for the map to draw at once (null when there is nothing to do).
   */
  const drop = useCallback(
    (id: string, target: PinDrop): PinFeature | null => {
      const optimistic = droppedPin(viewRef.current.pins.get(id), target);
      if (!optimistic) return null;
      void ('crewId' in target ? assign(id, target.crewId) : move(id, target.location));
      return pinFeature(optimistic, true);
    },
    [assign, move],
  );

  const geojson = useMemo(() => pinsToGeoJSON(view.pins.values(), pending), [view.pins, pending]);

  return {
    view,
    status,
    error,
    frame,
    geojson,
    notices,
    dismiss,
    onViewport,
    assign,
    move,
    drop,
    reload: requestReload,
    /** Counts Issue event batches: the crew panel reloads its counts when it changes. */
    issueEvents,
  };
}
