import { Badge } from '@mantine/core';
import { OfflineBasemapNote } from '../../ui/OfflineBasemapNote';
import noteClasses from '../../ui/PropertyMap.module.css';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createBasemapMap, type Basemap } from '../../ui/map.basemap';
import { markSpot } from '../../ui/map.press';
import { loadMapConfig } from '../../ui/map.config';
import type { PinFeatureCollection } from './map.pins';
import type { MapViewport } from './map.url-state';
import type { ViewBox } from './map.viewport';
import { OpsMapController } from './ops-map.controller';
import type { MapClusterData, MapPropertyData, OpsMapCallbacks } from './ops-map.types';
import classes from './OpsMap.module.css';

export type OpsMapCanvasProps = OpsMapCallbacks & {
  /** Where the map opens; null frames `frame` once it is known. */
  initialViewport: MapViewport | null;
  /** The area to show when there is no viewport yet (everything the viewer may see). */
  frame: ViewBox | null;
  properties: MapPropertyData[];
  pins: PinFeatureCollection;
  clusters: MapClusterData[];
  selectedPinId: string | null;
  /** The spot a "New Issue here" is being written for, marked while its form is open. */
  spot: { lng: number; lat: number } | null;
};

// Somewhere to start while the first answer is on its way: the contiguous US.
const FALLBACK_VIEW = { center: [-98.5, 39.8] as [number, number], zoom: 3 };

/** The maplibre half of the live map; loaded lazily so maplibre stays in its own chunk. */
export function OpsMapCanvas(props: OpsMapCanvasProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const controllerRef = useRef<OpsMapController | null>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  // The controller's callbacks are registered once; they read the latest props through this.
  const propsRef = useRef(props);
  useLayoutEffect(() => {
    propsRef.current = props;
  });
  const [basemap, setBasemap] = useState<Basemap>('loading');
  // Said in the corner, so a manager knows whose streets they are looking at (or that there are none).
  const [styleHost, setStyleHost] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const framed = useRef(props.initialViewport !== null);

  useEffect(() => {
    let cancelled = false;
    let dispose: (() => void) | undefined;
    void loadMapConfig().then(({ mapStyleUrl }) => {
      const container = containerRef.current;
      if (cancelled || !container) return;
      const start = propsRef.current.initialViewport;
      setStyleHost(mapStyleUrl ? new URL(mapStyleUrl).host : null);
      try {
        const created = createBasemapMap({
          container,
          mapStyleUrl,
          view: {
            ...(start ? { center: [start.lng, start.lat], zoom: start.zoom } : FALLBACK_VIEW),
            // Pins ignore placement, so the symbol fade buys nothing, and maplibre re-places symbols at most
            // once per fade duration: a changed pin (an assignment, a live event) showed up to 300 ms late.
            fadeDuration: 0,
          },
          onBasemap: setBasemap,
          onStyleLoad: () => controllerRef.current?.install(),
        });
        dispose = created.dispose;
        mapRef.current = created.map;
        const controller = new OpsMapController(created.map, {
          onViewport: (view) => propsRef.current.onViewport(view),
          onPinClick: (id) => propsRef.current.onPinClick(id),
          onPinStack: (ids, point) => propsRef.current.onPinStack(ids, point),
          onPinDrop: (id, drop) => propsRef.current.onPinDrop(id, drop),
          canDrag: (id) => propsRef.current.canDrag(id),
          onSpotPress: (spot) => propsRef.current.onSpotPress(spot),
        });
        controllerRef.current = controller;
        // A seam for browser tests and the web benchmark: pins live on a canvas, not in the DOM.
        (window as unknown as { groundworkOpsMap?: OpsMapController }).groundworkOpsMap = controller;
        created.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
        created.map.addControl(new maplibregl.ScaleControl({ unit: 'imperial' }), 'bottom-right');
        const { properties, pins, clusters, selectedPinId } = propsRef.current;
        controller.setProperties(properties);
        controller.setPins(pins);
        controller.setClusters(clusters);
        controller.select(selectedPinId);
        if (!framed.current && propsRef.current.frame) {
          framed.current = true;
          controller.flyTo(propsRef.current.frame);
        }
        // The first viewport report: the page loads what is in view from it.
        created.map.once('load', () => created.map.fire('moveend'));
      } catch (error) {
        // Thrown when the WebGL context cannot be created (blocked, or lost GPU).
        setFailure(error instanceof Error ? error.message : String(error));
      }
    });
    return () => {
      cancelled = true;
      controllerRef.current?.remove();
      controllerRef.current = null;
      mapRef.current = null;
      dispose?.();
    };
  }, []);

  useEffect(() => controllerRef.current?.setProperties(props.properties), [props.properties]);
  useEffect(() => controllerRef.current?.setPins(props.pins), [props.pins]);
  useEffect(() => controllerRef.current?.setClusters(props.clusters), [props.clusters]);
  useEffect(() => controllerRef.current?.select(props.selectedPinId), [props.selectedPinId]);
  useEffect(() => markSpot(mapRef.current, props.spot), [props.spot]);
  useEffect(() => {
    if (framed.current || !props.frame || !controllerRef.current) return;
    framed.current = true;
    controllerRef.current.flyTo(props.frame);
  }, [props.frame]);

  if (failure) {
    return (
      <div className={classes.frame} style={{ display: 'grid', placeItems: 'center', padding: 16 }}>
        <span role="status">The map could not start: {failure}</span>
      </div>
    );
  }
  return (
    <div className={classes.frame}>
      <div ref={containerRef} style={{ width: '100%', height: '100%' }} data-testid="ops-map" />
      {basemap === 'offline' && <OfflineBasemapNote drawn="properties and pins are" />}
      {basemap === 'remote' && styleHost && (
        <Badge
          className={noteClasses.basemapNote}
          size="xs"
          variant="white"
          color="gray"
          radius="sm"
          data-testid="basemap-note"
        >
          Basemap: {styleHost}
        </Badge>
      )}
    </div>
  );
}
