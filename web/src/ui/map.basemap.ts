import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { OFFLINE_STYLE } from './map.config';

// Without this a production build cannot find maplibre's worker (STACK.md).
maplibregl.setWorkerUrl(workerUrl);

export type Basemap = 'loading' | 'remote' | 'offline';

// A remote style that has not loaded by then is treated as unreachable.
const STYLE_TIMEOUT_MS = 8000;

/**
 * A map on the configured basemap that falls back to the built-in offline
 * style when the remote one cannot load. `onStyleLoad` runs after every
 * style load (a new style drops the app's sources and layers: add them
 * there). Throws when WebGL cannot start.
 */
export function createBasemapMap(options: {
  container: HTMLElement;
  mapStyleUrl: string | null;
  view: Pick<maplibregl.MapOptions, 'bounds' | 'fitBoundsOptions' | 'center' | 'zoom' | 'fadeDuration'>;
  onBasemap: (basemap: Basemap) => void;
  onStyleLoad: () => void;
}): { map: maplibregl.Map; dispose: () => void } {
  let offline = options.mapStyleUrl === null;
  let styleLoaded = false;
  let disposed = false;
  const map = new maplibregl.Map({
    container: options.container,
    style: options.mapStyleUrl ?? OFFLINE_STYLE,
    ...options.view,
    attributionControl: { compact: true },
    dragRotate: false,
    pitchWithRotate: false,
  });
  const switchToOfflineStyle = () => {
    if (offline || disposed) return;
    offline = true;
    options.onBasemap('offline');
    map.setStyle(OFFLINE_STYLE, { diff: false });
  };
  const timer = offline ? undefined : setTimeout(() => !styleLoaded && switchToOfflineStyle(), STYLE_TIMEOUT_MS);
  // Before the first style load, any error is the style itself failing (unreachable, not JSON,
  // invalid): fall back. Later errors are single tiles or sprites and do not warrant dropping the basemap.
  map.on('error', () => {
    if (!styleLoaded) switchToOfflineStyle();
  });
  map.on('style.load', () => {
    styleLoaded = true;
    clearTimeout(timer);
    options.onStyleLoad();
    options.onBasemap(offline ? 'offline' : 'remote');
  });
  return {
    map,
    dispose: () => {
      disposed = true;
      clearTimeout(timer);
      map.remove();
    },
  };
}
