import * as maplibregl from 'maplibre-gl';

/** How long a finger rests on a spot before it counts as a long-press (the platforms' own is about 500 ms). */
export const LONG_PRESS_MS = 500;
/** A finger that moves farther than this is panning, not pressing. */
const LONG_PRESS_SLOP_PX = 10;

export type SpotPress = { lngLat: { lng: number; lat: number }; point: { x: number; y: number } };

/**
 * Calls `onPress` on a right-click (desktop) or a long-press (touch) on the
 * map, with the spot pressed: the way to act on a spot, where a click already
 * selects and a drag pans. Returns the function that stops listening.
 */
export function onSpotPress(map: maplibregl.Map, onPress: (press: SpotPress) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let start: { x: number; y: number } | null = null;
  // A long-press may also raise the browser's own contextmenu: one press, one
  // call. Only a long-press arms this: two right-clicks in quick succession
  // (a second customer call about the spot just saved) are two presses.
  let longPressedAt = 0;

  const cancel = () => {
    clearTimeout(timer);
    start = null;
  };
  const onContextMenu = (event: maplibregl.MapMouseEvent) => {
    event.preventDefault();
    if (Date.now() - longPressedAt < 1_000) return;
    onPress({
      lngLat: { lng: event.lngLat.lng, lat: event.lngLat.lat },
      point: { x: event.point.x, y: event.point.y },
    });
  };
  const onTouchStart = (event: maplibregl.MapTouchEvent) => {
    cancel();
    if (event.points.length !== 1) return;
    const { lngLat, point } = event;
    start = { x: point.x, y: point.y };
    timer = setTimeout(() => {
      start = null;
      longPressedAt = Date.now();
      onPress({ lngLat: { lng: lngLat.lng, lat: lngLat.lat }, point: { x: point.x, y: point.y } });
    }, LONG_PRESS_MS);
  };
  const onTouchMove = (event: maplibregl.MapTouchEvent) => {
    if (!start) return;
    if (
      event.points.length !== 1 ||
      Math.hypot(event.point.x - start.x, event.point.y - start.y) > LONG_PRESS_SLOP_PX
    ) {
      cancel();
    }
  };

  map.on('contextmenu', onContextMenu);
  map.on('touchstart', onTouchStart);
  map.on('touchmove', onTouchMove);
  map.on('touchend', cancel);
  map.on('touchcancel', cancel);
  map.on('movestart', cancel);
  return () => {
    cancel();
    map.off('contextmenu', onContextMenu);
    map.off('touchstart', onTouchStart);
    map.off('touchmove', onTouchMove);
    map.off('touchend', cancel);
    map.off('touchcancel', cancel);
    map.off('movestart', cancel);
  };
}

/**
 * Marks the pressed spot while the form for it is open, so the person sees
 * where the Issue will go; returns the function that removes the mark.
 */
export function markSpot(
  map: maplibregl.Map | null,
  spot: { lng: number; lat: number } | null,
): (() => void) | undefined {
  if (!map || !spot) return undefined;
  const marker = new maplibregl.Marker({ color: '#e8590c' }).setLngLat([spot.lng, spot.lat]).addTo(map);
  marker.getElement().dataset['testid'] = 'pressed-spot';
  return () => marker.remove();
}
