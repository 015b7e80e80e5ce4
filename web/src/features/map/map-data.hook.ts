import { useMemo } from 'react';
import { pinsToGeoJSON } from './map.pins';
import { useMapLive } from './map-live.hook';
import { useMapNotices } from './map-notices.hook';
import { useMapView } from './map-view.hook';
import type { MapFilterState } from './map.url-state';
import { usePinEdits } from './pin-edits.hook';

/**
 * The live map's data: what is in view (read on every pan and zoom, and
 * when the filters change; map-view.hook), kept current from `opsEvents` a
 * batch at a time from the cursor of the first read (map-live.hook), with
 * optimistic assignment and moves that roll back with a clear notice when the
 * server refuses (pin-edits.hook, map-notices.hook).
 */
export function useMapData(filter: MapFilterState, options: { needsFrame: boolean; crewName(id: string): string }) {
  const { notices, notify, dismiss } = useMapNotices();
  const map = useMapView(filter, { needsFrame: options.needsFrame });
  const { view, viewRef, setPins, requestReload } = map;
  const issueEvents = useMapLive({ ...map, cursor: view.cursor, notify });
  const { pending, assign, move, drop } = usePinEdits({
    viewRef,
    setPins,
    requestReload,
    notify,
    crewName: options.crewName,
  });

  const geojson = useMemo(() => pinsToGeoJSON(view.pins.values(), pending), [view.pins, pending]);

  return {
    view,
    status: map.status,
    error: map.error,
    frame: map.frame,
    geojson,
    notices,
    notify,
    dismiss,
    onViewport: map.onViewport,
    assign,
    move,
    drop,
    reload: requestReload,
    /** Counts Issue event batches: the crew panel reloads its counts when it changes. */
    issueEvents,
  };
}
