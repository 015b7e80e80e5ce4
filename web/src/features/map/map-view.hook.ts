import { useApolloClient } from '@apollo/client/react';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createReloadScheduler, type ReloadScheduler } from '../live/event.batch';
import type { Pin } from './map.pins';
import { MapViewQuery } from './map.documents';
import { toMapFilterInput, type MapFilterState } from './map.url-state';
import { requestZoom, sameView, unionBox, type ViewBox } from './map.viewport';
import type { MapClusterData, MapPropertyData } from './ops-map.types';

export type MapViewState = {
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

const EMPTY_VIEW: MapViewState = {
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
 * What is in view: read on every pan and zoom (once the map has settled) and
 * when the filters change, the latest read winning; reloads asked for by live
 * events or refusals are coalesced. With `needsFrame` (no viewport in the URL)
 * it also finds the area that frames everything the viewer may see.
 */
export function useMapView(filter: MapFilterState, options: { needsFrame: boolean }) {
  const client = useApolloClient();
  const [view, setView] = useState<MapViewState>(EMPTY_VIEW);
  const [status, setStatus] = useState<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = useState<unknown>(null);
  const [frame, setFrame] = useState<ViewBox | null>(null);

  const viewRef = useRef(view);
  const filterRef = useRef(filter);
  // Read by the map's and the socket's callbacks, which outlive a render.
  useLayoutEffect(() => {
    viewRef.current = view;
    filterRef.current = filter;
  });
  const viewportRef = useRef<{ box: ViewBox; zoom: number } | null>(null);
  const requestSeq = useRef(0);

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

  return {
    view,
    setView,
    setPins,
    status,
    error,
    frame,
    load,
    onViewport,
    requestReload,
    /** The latest view, filter and viewport, for callbacks that outlive a render. */
    viewRef,
    filterRef,
    viewportRef,
  };
}
