import { OfflineBasemapNote } from './OfflineBasemapNote';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import { createBasemapMap, type Basemap } from './map.basemap';
import { loadMapConfig } from './map.config';
import { markSpot, onSpotPress as listenSpotPress } from './map.press';
import { boundsOf, toFeatureCollection, type MapProperty, type PropertyMapProps } from './map.geometry';
import classes from './PropertyMap.module.css';

const SOURCE = 'gw-properties';
const FILL = 'gw-properties-fill';
const LINE = 'gw-properties-line';
const FIT = { padding: 40, maxZoom: 17 } as const;

const selected: maplibregl.ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];

type OverlayState = { properties: readonly MapProperty[]; selectedId: string | null };

/**
 * Boundaries (fill + outline layers) and name labels drawn over whatever
 * basemap is loaded. Labels are DOM markers, not a symbol layer: a symbol
 * layer needs a glyph server, which the offline style does not have.
 */
class PropertyOverlay {
  private state: OverlayState = { properties: [], selectedId: null };
  private readonly labels = new Map<string, { marker: maplibregl.Marker; element: HTMLButtonElement }>();

  private declutterFrame = 0;

  constructor(
    private readonly map: maplibregl.Map,
    private readonly onSelect: (propertyId: string) => void,
  ) {
    map.on('moveend', () => this.scheduleDeclutter());
    map.on('resize', () => this.scheduleDeclutter());
  }

  /** After the markers have moved (they follow the map on its render). */
  private scheduleDeclutter() {
    cancelAnimationFrame(this.declutterFrame);
    this.declutterFrame = requestAnimationFrame(() => this.declutter());
  }

  /**
   * Neighbouring properties' names would print over each other, and a name by the edge would be cut:
   * the selected property's label first, then the others in order, each shown only where it overlaps
   * no label already shown and fits inside the map. A hidden name is still one tap away in the list
   * beside the map, and its boundary still selects it.
   */
  private declutter() {
    const frame = this.map.getContainer().getBoundingClientRect();
    const { selectedId } = this.state;
    const order = [...this.labels].sort(([a], [b]) => Number(b === selectedId) - Number(a === selectedId));
    const shown: DOMRect[] = [];
    for (const [id, { element }] of order) {
      element.style.visibility = '';
      const box = element.getBoundingClientRect();
      const inside =
        box.left >= frame.left && box.right <= frame.right && box.top >= frame.top && box.bottom <= frame.bottom;
      const overlaps = shown.some(
        (o) => box.left < o.right && box.right > o.left && box.top < o.bottom && box.bottom > o.top,
      );
      if ((overlaps || !inside) && id !== selectedId) {
        element.style.visibility = 'hidden';
      } else {
        shown.push(box);
      }
    }
  }

  /** Adds source and layers; needed after every style load because a new style drops them. */
  install() {
    if (!this.map.getSource(SOURCE)) {
      // promoteId lets feature-state address a property by its id.
      this.map.addSource(SOURCE, { type: 'geojson', data: toFeatureCollection([]), promoteId: 'id' });
      this.map.addLayer({
        id: FILL,
        type: 'fill',
        source: SOURCE,
        paint: {
          'fill-color': ['case', selected, '#1c7ed6', '#37b24d'],
          'fill-opacity': ['case', selected, 0.35, 0.22],
        },
      });
      this.map.addLayer({
        id: LINE,
        type: 'line',
        source: SOURCE,
        paint: {
          'line-color': ['case', selected, '#1864ab', '#2b8a3e'],
          'line-width': ['case', selected, 2.5, 1.5],
        },
      });
    }
    this.draw();
  }

  /**
   * `fit` frames all properties (a new set was loaded); otherwise a changed
   * selection is brought into view, unless `focus` is off (initial draw).
   */
  update(next: OverlayState, { fit, focus = true }: { fit: boolean; focus?: boolean }) {
    const selectionChanged = focus && next.selectedId !== this.state.selectedId;
    this.state = next;
    this.draw();
    if (fit) {
      const box = boundsOf(next.properties.map((p) => p.boundary));
      if (box) this.map.fitBounds(box, { ...FIT, animate: false });
    } else if (selectionChanged) {
      // Bring the newly selected property into view (picked here or in the list beside the map).
      const chosen = next.properties.find((p) => p.id === next.selectedId);
      const box = chosen && boundsOf([chosen.boundary]);
      if (box) this.map.fitBounds(box, { ...FIT, maxZoom: Math.max(this.map.getZoom(), 15), duration: 600 });
    }
  }

  remove() {
    cancelAnimationFrame(this.declutterFrame);
    for (const { marker } of this.labels.values()) marker.remove();
    this.labels.clear();
  }

  private draw() {
    const { properties, selectedId } = this.state;
    const source = this.map.getSource<maplibregl.GeoJSONSource>(SOURCE);
    if (source) {
      source.setData(toFeatureCollection(properties));
      for (const p of properties) {
        this.map.setFeatureState({ source: SOURCE, id: p.id }, { selected: p.id === selectedId });
      }
    }
    const wanted = new Set(properties.map((p) => p.id));
    for (const [id, { marker }] of this.labels) {
      if (!wanted.has(id)) {
        marker.remove();
        this.labels.delete(id);
      }
    }
    for (const p of properties) {
      let label = this.labels.get(p.id);
      if (!label) {
        const element = document.createElement('button');
        element.type = 'button';
        element.className = classes.label ?? '';
        element.addEventListener('click', (event) => {
          event.stopPropagation();
          this.onSelect(p.id);
        });
        label = { element, marker: new maplibregl.Marker({ element, anchor: 'center' }) };
        label.marker.setLngLat([p.centroid.lng, p.centroid.lat]).addTo(this.map);
        this.labels.set(p.id, label);
      }
      label.marker.setLngLat([p.centroid.lng, p.centroid.lat]);
      label.element.textContent = p.name;
      label.element.title = p.name;
      label.element.dataset['selected'] = String(p.id === selectedId);
    }
    this.scheduleDeclutter();
  }
}

/** The maplibre half of PropertyMap; loaded lazily so maplibre stays in its own chunk. */
export function PropertyMapCanvas({
  properties,
  selectedId,
  onSelect,
  onSpotPress,
  spot = null,
  height = 320,
}: PropertyMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const overlayRef = useRef<PropertyOverlay | null>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  // Written by effects, read by the map's own callbacks (which are registered once).
  const stateRef = useRef<OverlayState>({ properties, selectedId });
  const onSelectRef = useRef(onSelect);
  const onSpotPressRef = useRef(onSpotPress);
  const [basemap, setBasemap] = useState<Basemap>('loading');
  const [failure, setFailure] = useState<string | null>(null);
  // Boundaries drawn and the map at rest: what a browser test waits for before pressing a spot.
  const [drawn, setDrawn] = useState(false);
  // The map starts after /config.json answers: a spot given from the start is marked once it exists.
  const [started, setStarted] = useState(false);

  useEffect(() => {
    onSelectRef.current = onSelect;
    onSpotPressRef.current = onSpotPress;
  }, [onSelect, onSpotPress]);

  // A new set of properties refits the view; the same set with a new selection only restyles.
  const propertyKey = properties.map((p) => p.id).join(',');
  const shownKey = useRef(propertyKey);
  useEffect(() => {
    stateRef.current = { properties, selectedId };
    const fit = shownKey.current !== propertyKey;
    shownKey.current = propertyKey;
    overlayRef.current?.update(stateRef.current, { fit });
  }, [properties, propertyKey, selectedId]);

  useEffect(() => {
    let cancelled = false;
    let dispose: (() => void) | undefined;
    let stopSpotPress: (() => void) | undefined;

    void loadMapConfig().then(({ mapStyleUrl }) => {
      const container = containerRef.current;
      if (cancelled || !container) return;
      const box = boundsOf(stateRef.current.properties.map((p) => p.boundary));
      let created: maplibregl.Map;
      try {
        const started = createBasemapMap({
          container,
          mapStyleUrl,
          view: box ? { bounds: box, fitBoundsOptions: FIT } : { center: [-98.5, 39.8], zoom: 3 },
          onBasemap: setBasemap,
          onStyleLoad: () => overlayRef.current?.install(),
        });
        created = started.map;
        dispose = started.dispose;
      } catch (error) {
        // Thrown when the WebGL context cannot be created (blocked, or lost GPU).
        setFailure(error instanceof Error ? error.message : String(error));
        return;
      }
      mapRef.current = created;
      setStarted(true);
      const overlay = new PropertyOverlay(created, (id) => onSelectRef.current(id));
      overlayRef.current = overlay;
      // The map was created framing all properties: do not zoom to the preselected one.
      overlay.update(stateRef.current, { fit: false, focus: false });
      created.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
      created.on('idle', () => setDrawn(Boolean(created.getLayer(FILL))));
      created.on('click', FILL, (event) => {
        const id = event.features?.[0]?.properties?.['id'];
        if (typeof id === 'string') onSelectRef.current(id);
      });
      // Only where the page offers it (who may report Issues): elsewhere the browser's own menu stays.
      if (onSpotPressRef.current) {
        stopSpotPress = listenSpotPress(created, ({ lngLat, point }) => {
          const [property] = created.queryRenderedFeatures([point.x, point.y], { layers: [FILL] });
          const id = property?.properties?.['id'];
          if (typeof id === 'string') onSpotPressRef.current?.({ propertyId: id, lngLat });
        });
      }
      created.on('mouseenter', FILL, () => (created.getCanvas().style.cursor = 'pointer'));
      created.on('mouseleave', FILL, () => (created.getCanvas().style.cursor = ''));
    });

    return () => {
      cancelled = true;
      stopSpotPress?.();
      overlayRef.current?.remove();
      overlayRef.current = null;
      mapRef.current = null;
      dispose?.();
    };
  }, []);

  useEffect(() => markSpot(mapRef.current, spot), [spot, started]);

  if (failure) {
    return (
      <div className={classes.frame} style={{ height, display: 'grid', placeItems: 'center', padding: 16 }}>
        <span role="status">The map could not start: {failure}</span>
      </div>
    );
  }

  return (
    <div className={classes.frame} style={{ height }}>
      {/* Sized inline: maplibre's own CSS makes its container position: relative, which would undo a class-based absolute fill. */}
      <div ref={containerRef} style={{ width: '100%', height: '100%' }} data-testid="property-map" data-drawn={drawn} />
      {basemap === 'offline' && <OfflineBasemapNote drawn="boundaries are" />}
    </div>
  );
}
