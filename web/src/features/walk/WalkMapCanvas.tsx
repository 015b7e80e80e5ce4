import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import { createBasemapMap, type Basemap } from '../../ui/map.basemap';
import { loadMapConfig } from '../../ui/map.config';
import { boundsOf, toFeatureCollection } from '../../ui/map.geometry';
import { OfflineBasemapNote } from '../../ui/OfflineBasemapNote';
import type { WalkMapProps, WalkPin } from './walk-map.types';
import classes from './WalkMap.module.css';

const SOURCE = 'gw-walk-property';
const FIT = { padding: 40, maxZoom: 19 } as const;

function marker(className: string | undefined, element: HTMLElement = document.createElement('div')) {
  element.className = className ?? '';
  return new maplibregl.Marker({ element, anchor: 'center' });
}

/**
 * The walk's full-screen map: the boundary, the open pins already there, the
 * "you are here" dot and the chosen spot. Tapping the map chooses the spot.
 * Pins and dots are DOM markers, so the built-in offline style (no glyphs) suffices.
 */
export function WalkMapCanvas({ property, pins, here, spot, onPick, onOpenPin }: WalkMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const callbacks = useRef({ onPick, onOpenPin });
  const [basemap, setBasemap] = useState<Basemap>('loading');
  const [ready, setReady] = useState(false);

  useEffect(() => {
    callbacks.current = { onPick, onOpenPin };
  }, [onPick, onOpenPin]);

  useEffect(() => {
    let cancelled = false;
    let dispose: (() => void) | undefined;
    void loadMapConfig().then(({ mapStyleUrl }) => {
      const container = containerRef.current;
      if (cancelled || !container) return;
      const box = boundsOf([property.boundary]);
      const started = createBasemapMap({
        container,
        mapStyleUrl,
        view: box
          ? { bounds: box, fitBoundsOptions: FIT }
          : { center: [property.centroid.lng, property.centroid.lat], zoom: 17 },
        onBasemap: setBasemap,
        onStyleLoad: () => {
          const map = started.map;
          if (!map.getSource(SOURCE)) {
            map.addSource(SOURCE, { type: 'geojson', data: toFeatureCollection([property]) });
            map.addLayer({
              id: `${SOURCE}-fill`,
              type: 'fill',
              source: SOURCE,
              paint: { 'fill-color': '#37b24d', 'fill-opacity': 0.15 },
            });
            map.addLayer({
              id: `${SOURCE}-line`,
              type: 'line',
              source: SOURCE,
              paint: { 'line-color': '#2b8a3e', 'line-width': 2 },
            });
          }
        },
      });
      dispose = started.dispose;
      mapRef.current = started.map;
      started.map.on('click', (event) => callbacks.current.onPick({ lng: event.lngLat.lng, lat: event.lngLat.lat }));
      setReady(true);
    });
    return () => {
      cancelled = true;
      mapRef.current = null;
      dispose?.();
    };
    // The property is fixed for the page's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Open pins and drafts: redrawn whenever the list changes (a capture adds one, a sent draft becomes a pin).
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const markers = pins.map((pin: WalkPin) => {
      const element = document.createElement('button');
      element.type = 'button';
      element.dataset['kind'] = pin.kind;
      if (pin.draft) element.dataset['draft'] = 'true';
      element.title = pin.draft ? `${pin.title} (not sent yet)` : pin.title;
      const what = pin.kind === 'ISSUE' ? 'Issue' : 'Enhancement';
      element.setAttribute('aria-label', pin.draft ? `${what} not sent yet: ${pin.title}` : `${what}: ${pin.title}`);
      element.addEventListener('click', (event) => {
        event.stopPropagation();
        callbacks.current.onOpenPin(pin);
      });
      return marker(classes.pin, element).setLngLat([pin.location.lng, pin.location.lat]).addTo(map);
    });
    return () => markers.forEach((m) => m.remove());
  }, [pins, ready]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !here) return;
    const dot = marker(classes.here).setLngLat([here.lng, here.lat]).addTo(map);
    dot.getElement().setAttribute('aria-label', 'You are here');
    return () => void dot.remove();
  }, [here, ready]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !spot) return;
    const chosen = marker(classes.spot).setLngLat([spot.lng, spot.lat]).addTo(map);
    chosen.getElement().dataset['testid'] = 'walk-spot';
    return () => void chosen.remove();
  }, [spot, ready]);

  return (
    <div className={classes.map}>
      <div ref={containerRef} style={{ width: '100%', height: '100%' }} data-testid="walk-map" />
      {basemap === 'offline' && <OfflineBasemapNote drawn="the boundary and pins are" />}
    </div>
  );
}
