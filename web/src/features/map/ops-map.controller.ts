import * as maplibregl from 'maplibre-gl';
import type { GeoJSONMultiPolygon as MultiPolygon } from '../../ui/map.geometry';
import { ISSUE_STATUS_LABELS } from '@groundwork/shared';
import { pinImage, pinDataUrl, STATUS_FILL, ENHANCEMENT_FILL } from './pin.icons';
import {
  clusterLook,
  planClusterMarkers,
  ringSegments,
  sameFeatures,
  type PinDrop,
  type PinFeature,
  type PinFeatureCollection,
} from './map.pins';
import { viewBox, type ViewBox } from './map.viewport';
import classes from './OpsMap.module.css';

// The maplibre side of the live map, outside React: sources and layers,
// cluster rings and property labels as DOM markers (bounded by the server),
// and dragging a pin — onto a crew in the panel beside the map, or to a new
// spot on the map (STACK.md: mousedown + preventDefault, a floating ghost,
// elementsFromPoint on release).

export type MapPropertyData = {
  id: string;
  name: string;
  boundary?: MultiPolygon | null;
  centroid: { lng: number; lat: number };
};

export type MapClusterData = {
  id: string;
  count: number;
  enhancementCount: number;
  urgentCount: number;
  overdueCount: number;
  location: { lng: number; lat: number };
  bounds: ViewBox;
  byStatus: readonly { status: keyof typeof STATUS_FILL; count: number }[];
};

export type { PinDrop };

export type OpsMapCallbacks = {
  onViewport(view: { box: ViewBox; zoom: number; center: { lng: number; lat: number } }): void;
  onPinClick(id: string): void;
  /**
   * A pin was dropped; returns how it looks now (the optimistic change), which
   * the map shows at once, or null when the drop changes nothing.
   */
  onPinDrop(id: string, drop: PinDrop): PinFeature | null;
  /** Whether this pin may be dragged by the viewer (Issues they may assign). */
  canDrag(id: string): boolean;
};

const PROPERTIES = 'gw-properties';
const PROPERTY_FILL = 'gw-properties-fill';
const PROPERTY_LINE = 'gw-properties-line';
const PROPERTY_DOT = 'gw-properties-dot';
const PINS = 'gw-pins';
const PIN_LAYER = 'gw-pins-layer';
const SELECTED_LAYER = 'gw-pins-selected';
/** Dropped pins waiting for the server, drawn on their own so they change without re-tiling every pin. */
const HELD = 'gw-pins-held';
const HELD_LAYER = 'gw-pins-held-layer';
/** Property names are drawn from this zoom on: below it they would cover each other. */
const LABEL_MIN_ZOOM = 14;
const LABEL_MAX = 150;
/** A press that moves less than this is a click, not a drag. */
const DRAG_THRESHOLD_PX = 6;
const CREW_DROP_SELECTOR = '[data-crew-drop]';

const EMPTY: PinFeatureCollection = { type: 'FeatureCollection', features: [] };

export class OpsMapController {
  private properties: MapPropertyData[] = [];
  private pins: PinFeatureCollection = EMPTY;
  private clusters: MapClusterData[] = [];
  private selectedId: string | null = null;
  private clusterMarkers = new Map<string, { marker: maplibregl.Marker; look: string }>();
  private labelMarkers = new Map<string, maplibregl.Marker>();
  private dragging: string | null = null;
  /**
   * Pins shown in the small held source instead of the big one, by id: the
   * dragged pin from its drop until the pin set the page sends has it settled
   * (neither pending nor the set of before the drop). `since` is that set.
   */
  private held = new Map<string, { feature: PinFeature; since: PinFeatureCollection }>();
  /** Held pins put back into the big source; drawn on top until it has re-tiled, so they never blink. */
  private releasing = new Map<string, PinFeature>();
  /**
   * Dropped pins as DOM markers, from the mouse-up until the held source has
   * them on the canvas: the worker round trip behind a setData takes a few
   * frames, hundreds of ms with software WebGL, and the drop should show now.
   */
  private flashes = new Map<string, { marker: maplibregl.Marker; icon: string }>();
  /** What each pin source was last given, so an unchanged list is not sent to the worker again. */
  private drawn = { pins: null as PinFeature[] | null, held: null as PinFeature[] | null };

  constructor(
    private readonly map: maplibregl.Map,
    private readonly callbacks: OpsMapCallbacks,
  ) {
    // maplibre 6 asks for an image by name the first time a pin needs it (events can no longer supply it).
    map.setMissingStyleImageResolver((id) => this.ensureImage(id));
    map.on('moveend', () => {
      this.drawLabels();
      const b = map.getBounds();
      const c = map.getCenter();
      this.callbacks.onViewport({
        box: viewBox({ west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth() }),
        zoom: map.getZoom(),
        center: { lng: c.lng, lat: c.lat },
      });
    });
    map.on('click', PIN_LAYER, (event) => {
      const id = event.features?.[0]?.properties?.['id'];
      if (typeof id === 'string') this.callbacks.onPinClick(id);
    });
    map.on('mousedown', PIN_LAYER, (event) => {
      const id = event.features?.[0]?.properties?.['id'];
      const icon = event.features?.[0]?.properties?.['icon'];
      if (typeof id !== 'string' || !this.callbacks.canDrag(id) || event.originalEvent.button !== 0) return;
      // Stops the map from panning: this press moves the pin.
      event.preventDefault();
      this.startDrag(id, typeof icon === 'string' ? icon : '', event.originalEvent);
    });
    map.on('mouseenter', PIN_LAYER, () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', PIN_LAYER, () => (map.getCanvas().style.cursor = ''));
  }

  /** Adds sources and layers; needed after every style load because a new style drops them. */
  install(): void {
    const map = this.map;
    if (!map.getSource(PROPERTIES)) {
      // New sources (a new style dropped the old ones): whatever they were given before is gone.
      this.drawn = { pins: null, held: null };
      map.addSource(PROPERTIES, { type: 'geojson', data: this.propertyData() });
      map.addLayer({
        id: PROPERTY_FILL,
        type: 'fill',
        source: PROPERTIES,
        filter: ['!=', ['geometry-type'], 'Point'],
        paint: { 'fill-color': '#37b24d', 'fill-opacity': 0.14 },
      });
      map.addLayer({
        id: PROPERTY_LINE,
        type: 'line',
        source: PROPERTIES,
        filter: ['!=', ['geometry-type'], 'Point'],
        paint: { 'line-color': '#2b8a3e', 'line-width': 1.25 },
      });
      map.addLayer({
        id: PROPERTY_DOT,
        type: 'circle',
        source: PROPERTIES,
        filter: ['==', ['geometry-type'], 'Point'],
        paint: { 'circle-radius': 3, 'circle-color': '#2b8a3e', 'circle-opacity': 0.6 },
      });
      map.addSource(PINS, { type: 'geojson', data: this.pins, promoteId: 'id' });
      map.addLayer({
        id: SELECTED_LAYER,
        type: 'circle',
        source: PINS,
        filter: ['==', ['get', 'id'], ''],
        paint: { 'circle-radius': 17, 'circle-color': '#1c7ed6', 'circle-opacity': 0.25 },
      });
      const layout = {
        'icon-image': ['get', 'icon'],
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
        'symbol-sort-key': ['get', 'rank'],
      } satisfies maplibregl.SymbolLayerSpecification['layout'];
      map.addLayer({ id: PIN_LAYER, type: 'symbol', source: PINS, layout });
      map.addSource(HELD, { type: 'geojson', data: EMPTY, promoteId: 'id' });
      map.addLayer({ id: HELD_LAYER, type: 'symbol', source: HELD, layout });
    }
    this.drawPins();
    this.drawSelection();
  }

  setProperties(properties: MapPropertyData[]): void {
    this.properties = properties;
    this.map.getSource<maplibregl.GeoJSONSource>(PROPERTIES)?.setData(this.propertyData());
    this.drawLabels();
  }

  /** One setData per change of the whole pin set (a view read, or a batch of live events). */
  setPins(pins: PinFeatureCollection): void {
    this.pins = pins;
    this.drawPins();
  }

  setClusters(clusters: MapClusterData[]): void {
    this.clusters = clusters;
    const looks = new Map([...this.clusterMarkers].map(([id, m]) => [id, m.look]));
    const plan = planClusterMarkers(looks, clusters);
    for (const id of plan.remove) {
      this.clusterMarkers.get(id)?.marker.remove();
      this.clusterMarkers.delete(id);
    }
    for (const cluster of plan.keep) {
      this.clusterMarkers.get(cluster.id)?.marker.setLngLat([cluster.location.lng, cluster.location.lat]);
    }
    for (const cluster of plan.create) {
      const marker = new maplibregl.Marker({ element: this.clusterElement(cluster), anchor: 'center' })
        .setLngLat([cluster.location.lng, cluster.location.lat])
        .addTo(this.map);
      this.clusterMarkers.set(cluster.id, { marker, look: clusterLook(cluster) });
    }
  }

  /**
   * Where a pin is drawn, in page pixels (null when it is not drawn): for
   * browser tests and benchmarks, which must press on a pin of a canvas.
   */
  pinPoint(id: string): { x: number; y: number } | null {
    const feature = this.pins.features.find((f) => f.id === id);
    if (!feature) return null;
    const [lng, lat] = feature.geometry.coordinates;
    const point = this.map.project([lng, lat]);
    const rect = this.map.getCanvas().getBoundingClientRect();
    return { x: rect.left + point.x, y: rect.top + point.y };
  }

  /** The pins the map has actually drawn (placed by the renderer, or a dropped pin's marker), with their look. */
  renderedPins(): { id: string; icon: string }[] {
    if (!this.map.getLayer(PIN_LAYER)) return [];
    const flashes = [...this.flashes].map(([id, { icon }]) => ({ id, icon }));
    return flashes.concat(
      this.map.queryRenderedFeatures({ layers: [HELD_LAYER, PIN_LAYER] }).map((f) => ({
        id: String(f.properties['id']),
        icon: String(f.properties['icon']),
      })),
    );
  }

  /** Sources installed, pins drawn and the map at rest. */
  isIdle(): boolean {
    return Boolean(this.map.getSource(PINS)) && this.map.loaded() && !this.map.isMoving();
  }

  select(id: string | null): void {
    this.selectedId = id;
    this.drawSelection();
  }

  flyTo(box: ViewBox): void {
    this.map.fitBounds(
      [
        [box.west, box.south],
        [box.east, box.north],
      ],
      { padding: 60, maxZoom: 16, duration: 500 },
    );
  }

  remove(): void {
    for (const { marker } of this.flashes.values()) marker.remove();
    this.flashes.clear();
    for (const { marker } of this.clusterMarkers.values()) marker.remove();
    for (const marker of this.labelMarkers.values()) marker.remove();
    this.clusterMarkers.clear();
    this.labelMarkers.clear();
  }

  private propertyData() {
    return {
      type: 'FeatureCollection' as const,
      features: this.properties.map((p) => ({
        type: 'Feature' as const,
        properties: { id: p.id, name: p.name },
        geometry: p.boundary ?? { type: 'Point' as const, coordinates: [p.centroid.lng, p.centroid.lat] },
      })),
    };
  }

  private drawPins(): void {
    const source = this.map.getSource<maplibregl.GeoJSONSource>(PINS);
    if (!source) return;
    const released: PinFeature[] = [];
    for (const [id, hold] of this.held) {
      if (hold.since === this.pins) continue;
      const now = this.pins.features.find((f) => f.id === id);
      if (now && now.properties.icon.endsWith(':pending')) hold.feature = now;
      else {
        this.held.delete(id);
        if (now) released.push(now);
      }
    }
    // The dragged pin follows the pointer as a ghost (its old spot empty); a held pin is drawn by the held source.
    const hidden = new Set([...this.held.keys(), ...(this.dragging ? [this.dragging] : [])]);
    const features = hidden.size ? this.pins.features.filter((f) => !hidden.has(f.id)) : this.pins.features;
    // After a drop the page's next pin set differs from the drawn one only in the held pin: nothing to redraw.
    if (!this.drawn.pins || !sameFeatures(this.drawn.pins, features)) {
      this.drawn.pins = features;
      source.setData({ type: 'FeatureCollection', features });
    }
    if (released.length) {
      for (const f of released) this.releasing.set(f.id, f);
      // The big source draws them once its worker has re-tiled: until then the held source keeps them on screen.
      // (`isSourceLoaded` can be true right after setData, before the worker has the new data: look at the tiles.)
      const waiting = () => released.filter((f) => this.releasing.get(f.id) === f);
      const check = (event: maplibregl.MapSourceDataEvent | null) => {
        if (event && event.sourceId !== PINS) return;
        for (const f of waiting()) {
          const tiled = this.map.querySourceFeatures(PINS, { filter: ['==', ['get', 'id'], f.id] });
          // At rest with the pin in no loaded tile (moved out of view): nothing left to wait for.
          if (event === null || tiled.some((t) => t.properties['icon'] === f.properties.icon)) {
            this.releasing.delete(f.id);
          }
        }
        if (waiting().length === 0) {
          this.map.off('sourcedata', check);
          this.map.off('idle', atRest);
        }
        this.drawHeld();
      };
      const atRest = () => check(null);
      this.map.on('sourcedata', check);
      this.map.on('idle', atRest);
    }
    this.drawHeld();
  }

  /** The held source: a handful of features, so its setData is drawn within a frame or two. */
  private drawHeld(): void {
    const source = this.map.getSource<maplibregl.GeoJSONSource>(HELD);
    const features = [...this.releasing.values(), ...[...this.held.values()].map((h) => h.feature)];
    if (!source || (this.drawn.held && sameFeatures(this.drawn.held, features))) return;
    this.drawn.held = features;
    source.setData({ type: 'FeatureCollection', features });
  }

  private drawSelection(): void {
    if (this.map.getLayer(SELECTED_LAYER)) {
      this.map.setFilter(SELECTED_LAYER, ['==', ['get', 'id'], this.selectedId ?? '']);
    }
  }

  /** Names on the boundaries at street zoom; DOM labels because the offline style has no glyphs. */
  private drawLabels(): void {
    const show = this.map.getZoom() >= LABEL_MIN_ZOOM && this.properties.length <= LABEL_MAX;
    const wanted = new Set(show ? this.properties.map((p) => p.id) : []);
    for (const [id, marker] of this.labelMarkers) {
      if (!wanted.has(id)) {
        marker.remove();
        this.labelMarkers.delete(id);
      }
    }
    if (!show) return;
    for (const p of this.properties) {
      if (this.labelMarkers.has(p.id)) continue;
      const element = document.createElement('div');
      element.className = classes.propertyLabel ?? '';
      element.textContent = p.name;
      const marker = new maplibregl.Marker({ element, anchor: 'center' })
        .setLngLat([p.centroid.lng, p.centroid.lat])
        .addTo(this.map);
      this.labelMarkers.set(p.id, marker);
    }
  }

  private clusterElement(cluster: MapClusterData): HTMLElement {
    const segments = ringSegments(cluster.byStatus, cluster.enhancementCount);
    const stops = segments
      .map((s) => {
        const color = s.status === 'ENHANCEMENT' ? ENHANCEMENT_FILL.PROPOSED : STATUS_FILL[s.status];
        return `${color} ${(s.from * 100).toFixed(2)}% ${(s.to * 100).toFixed(2)}%`;
      })
      .join(', ');
    const size = Math.round(30 + Math.min(26, Math.log10(Math.max(1, cluster.count)) * 10));
    const element = document.createElement('button');
    element.type = 'button';
    element.className = classes.cluster ?? '';
    element.style.width = element.style.height = `${size}px`;
    element.style.background = `conic-gradient(${stops || '#adb5bd 0 100%'})`;
    element.dataset['testid'] = 'map-cluster';
    element.dataset['urgent'] = String(cluster.urgentCount > 0);
    const parts = cluster.byStatus.map((s) => `${s.count} ${ISSUE_STATUS_LABELS[s.status].toLowerCase()}`);
    if (cluster.enhancementCount) parts.push(`${cluster.enhancementCount} enhancements`);
    if (cluster.urgentCount) parts.push(`${cluster.urgentCount} urgent`);
    if (cluster.overdueCount) parts.push(`${cluster.overdueCount} overdue`);
    element.title = `${cluster.count} pins: ${parts.join(', ')}. Click to zoom in.`;
    element.setAttribute('aria-label', element.title);
    const count = document.createElement('span');
    count.textContent = cluster.count >= 10_000 ? `${Math.round(cluster.count / 1000)}k` : String(cluster.count);
    if (cluster.urgentCount > 0 || cluster.overdueCount > 0) count.dataset['alert'] = 'true';
    element.append(count);
    element.addEventListener('click', (event) => {
      event.stopPropagation();
      this.flyTo(cluster.bounds);
    });
    return element;
  }

  private ensureImage(icon: string): void {
    const image = pinImage(icon);
    if (image && !this.map.hasImage(icon)) this.map.addImage(icon, image.image, { pixelRatio: image.pixelRatio });
  }

  /** Shows a dropped pin's optimistic look now, ahead of the page's next pin set (see `held`). */
  private hold(feature: PinFeature | null, id: string): void {
    if (feature) {
      // A look not drawn before (assigned and pending) would cost the worker a round trip back here for its image.
      this.ensureImage(feature.properties.icon);
      this.held.set(id, { feature, since: this.pins });
      this.releasing.delete(id);
      this.flash(feature);
      this.drawHeld();
    }
    // The big source hid the pin while it was dragged; without a drop to show, put it back.
    else this.drawPins();
  }

  /** Shows the dropped pin as a DOM marker in this frame, until the canvas draws it (see `flashes`). */
  private flash(feature: PinFeature): void {
    const id = feature.id;
    this.flashes.get(id)?.marker.remove();
    const element = document.createElement('img');
    element.src = pinDataUrl(feature.properties.icon) ?? '';
    element.alt = '';
    element.className = classes.flash ?? '';
    const [lng, lat] = feature.geometry.coordinates;
    const marker = new maplibregl.Marker({ element, anchor: 'center' }).setLngLat([lng, lat]).addTo(this.map);
    this.flashes.set(id, { marker, icon: feature.properties.icon });
    const check = (event: maplibregl.MapSourceDataEvent) => {
      if (event.sourceId !== HELD) return;
      if (this.flashes.get(id)?.marker !== marker) {
        this.map.off('sourcedata', check);
        return;
      }
      // Done once the held source's tiles show the look it was last given for the pin (or it holds it no more).
      const want = this.drawn.held?.find((f) => f.id === id)?.properties.icon;
      const tiled = want ? this.map.querySourceFeatures(HELD, { filter: ['==', ['get', 'id'], id] }) : [];
      if (want && !tiled.some((t) => t.properties['icon'] === want)) return;
      this.map.off('sourcedata', check);
      // The tile with the pin is loaded: the canvas draws it in the frame being rendered now.
      this.map.once('render', () => {
        marker.remove();
        if (this.flashes.get(id)?.marker === marker) this.flashes.delete(id);
      });
    };
    this.map.on('sourcedata', check);
  }

  private startDrag(id: string, icon: string, start: MouseEvent): void {
    let ghost: HTMLImageElement | null = null;
    let hovered: Element | null = null;
    const dropTarget = (x: number, y: number) =>
      document
        .elementsFromPoint(x, y)
        .map((el) => el.closest(CREW_DROP_SELECTOR))
        .find(Boolean) ?? null;
    const setHovered = (el: Element | null) => {
      if (hovered === el) return;
      hovered?.removeAttribute('data-drop-hover');
      el?.setAttribute('data-drop-hover', 'true');
      hovered = el;
    };
    const move = (event: MouseEvent) => {
      if (!ghost) {
        if (Math.hypot(event.clientX - start.clientX, event.clientY - start.clientY) < DRAG_THRESHOLD_PX) return;
        ghost = document.createElement('img');
        ghost.src = pinDataUrl(icon) ?? '';
        ghost.className = classes.ghost ?? '';
        ghost.dataset['testid'] = 'drag-ghost';
        document.body.append(ghost);
        this.dragging = id;
        this.drawPins();
      }
      ghost.style.transform = `translate(${event.clientX - 15}px, ${event.clientY - 15}px)`;
      setHovered(dropTarget(event.clientX, event.clientY));
    };
    const up = (event: MouseEvent) => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
      setHovered(null);
      const dragged = ghost !== null;
      ghost?.remove();
      this.dragging = null;
      if (!dragged) {
        this.callbacks.onPinClick(id);
        return;
      }
      // The big source keeps the pin hidden: it comes back either held with its new look, or as it was.
      const crew = dropTarget(event.clientX, event.clientY);
      const crewId = crew?.getAttribute('data-crew-drop');
      if (crewId) {
        this.hold(this.callbacks.onPinDrop(id, { crewId }), id);
        return;
      }
      const rect = this.map.getCanvas().getBoundingClientRect();
      const inside =
        event.clientX >= rect.left &&
        event.clientX <= rect.right &&
        event.clientY >= rect.top &&
        event.clientY <= rect.bottom;
      const onMap = inside && document.elementFromPoint(event.clientX, event.clientY) === this.map.getCanvas();
      if (onMap) {
        const spot = this.map.unproject([event.clientX - rect.left, event.clientY - rect.top]);
        this.hold(this.callbacks.onPinDrop(id, { location: { lng: spot.lng, lat: spot.lat } }), id);
      } else this.drawPins();
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  }
}
