import type * as maplibregl from 'maplibre-gl';
import type { PinFeatureCollection } from './map.pins';
import { viewBox, type ViewBox } from './map.viewport';
import { ClusterMarkers } from './ops-map.clusters';
import { PropertyLabels } from './ops-map.labels';
import {
  drawSelection,
  ensurePinImage,
  HELD_LAYER,
  installLayers,
  PIN_HIT_RADIUS_PX,
  PIN_LAYER,
  PINS,
  PROPERTIES,
  PROPERTY_FILL,
  propertyData,
} from './ops-map.layers';
import { PinLayer } from './ops-map.pin-layer';
import type { MapClusterData, MapPropertyData, OpsMapCallbacks } from './ops-map.types';
import { startPinDrag } from './pin.drag';
import { onSpotPress } from '../../ui/map.press';

// The maplibre side of the live map, outside React: it wires the map's events
// to the page's callbacks and hands each part its data — sources and layers
// (ops-map.layers), the pins with their dropped-pin display (ops-map.pin-layer),
// cluster rings and property labels as DOM markers (ops-map.clusters,
// ops-map.labels), and dragging a pin (pin.drag).

export class OpsMapController {
  private properties: MapPropertyData[] = [];
  private selectedId: string | null = null;
  private readonly pins: PinLayer;
  private readonly clusters: ClusterMarkers;
  private readonly labels: PropertyLabels;
  private readonly stopSpotPress: () => void;

  constructor(
    private readonly map: maplibregl.Map,
    private readonly callbacks: OpsMapCallbacks,
  ) {
    this.pins = new PinLayer(map);
    this.clusters = new ClusterMarkers(map, (bounds) => this.flyTo(bounds));
    this.labels = new PropertyLabels(map);
    // maplibre 6 asks for an image by name the first time a pin needs it (events can no longer supply it).
    map.setMissingStyleImageResolver((id) => ensurePinImage(map, id));
    map.on('moveend', () => {
      this.labels.draw(this.properties);
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
      if (typeof id === 'string') this.clickAt(id, event.point);
    });
    map.on('mousedown', PIN_LAYER, (event) => {
      const id = event.features?.[0]?.properties?.['id'];
      const icon = event.features?.[0]?.properties?.['icon'];
      if (typeof id !== 'string' || !this.callbacks.canDrag(id) || event.originalEvent.button !== 0) return;
      // Stops the map from panning: this press moves the pin.
      event.preventDefault();
      startPinDrag(map, typeof icon === 'string' ? icon : '', event.originalEvent, {
        lift: () => this.pins.lift(id),
        click: () => this.clickAt(id, event.point),
        // The big source keeps the pin hidden: it comes back either held with its new look, or as it was.
        drop: (target) => this.pins.drop(id, () => (target ? this.callbacks.onPinDrop(id, target) : null)),
      });
    });
    this.stopSpotPress = onSpotPress(map, ({ lngLat, point }) => {
      const [property] = map.getLayer(PROPERTY_FILL)
        ? map.queryRenderedFeatures([point.x, point.y], { layers: [PROPERTY_FILL] })
        : [];
      const id = property?.properties?.['id'];
      this.callbacks.onSpotPress({ lngLat, propertyId: typeof id === 'string' ? id : null });
    });
    map.on('mouseenter', PIN_LAYER, () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', PIN_LAYER, () => (map.getCanvas().style.cursor = ''));
  }

  /**
   * A click on the pin `top`: opens it, or, when other pins are drawn at the
   * same spot (hidden under it), offers all of them — else only the top one
   * could ever be opened.
   */
  private clickAt(top: string, point: maplibregl.Point): void {
    const ids = this.stackAt(point);
    if (ids.length < 2) {
      this.callbacks.onPinClick(top);
      return;
    }
    const rect = this.map.getCanvas().getBoundingClientRect();
    this.callbacks.onPinStack([top, ...ids.filter((id) => id !== top)], {
      x: rect.left + point.x,
      y: rect.top + point.y,
    });
  }

  /** The pins whose drawn disc covers this canvas point (not merely their image's transparent margin), top first. */
  stackAt(point: { x: number; y: number }): string[] {
    if (!this.map.getLayer(PIN_LAYER)) return [];
    const ids: string[] = [];
    for (const feature of this.map.queryRenderedFeatures([point.x, point.y], { layers: [HELD_LAYER, PIN_LAYER] })) {
      const id = feature.properties['id'];
      if (typeof id !== 'string' || ids.includes(id) || feature.geometry.type !== 'Point') continue;
      const [lng, lat] = feature.geometry.coordinates as [number, number];
      const at = this.map.project([lng, lat]);
      if (Math.hypot(at.x - point.x, at.y - point.y) <= PIN_HIT_RADIUS_PX) ids.push(id);
    }
    return ids;
  }

  /** Adds sources and layers; needed after every style load because a new style drops them. */
  install(): void {
    if (installLayers(this.map, { properties: this.properties, pins: this.pins.current })) this.pins.forgetDrawn();
    this.pins.draw();
    drawSelection(this.map, this.selectedId);
  }

  setProperties(properties: MapPropertyData[]): void {
    this.properties = properties;
    this.map.getSource<maplibregl.GeoJSONSource>(PROPERTIES)?.setData(propertyData(properties));
    this.labels.draw(properties);
  }

  /** One setData per change of the whole pin set (a view read, or a batch of live events). */
  setPins(pins: PinFeatureCollection): void {
    this.pins.set(pins);
  }

  setClusters(clusters: MapClusterData[]): void {
    this.clusters.set(clusters);
  }

  /**
   * Where a pin is drawn, in page pixels (null when it is not drawn): for
   * browser tests and benchmarks, which must press on a pin of a canvas.
   */
  pinPoint(id: string): { x: number; y: number } | null {
    return this.pins.pointOf(id);
  }

  /** The pins the map has actually drawn (placed by the renderer, or a dropped pin's marker), with their look. */
  renderedPins(): { id: string; icon: string }[] {
    return this.pins.rendered();
  }

  /** Sources installed, pins drawn and the map at rest. */
  isIdle(): boolean {
    return Boolean(this.map.getSource(PINS)) && this.map.loaded() && !this.map.isMoving();
  }

  select(id: string | null): void {
    this.selectedId = id;
    drawSelection(this.map, id);
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
    this.stopSpotPress();
    this.pins.remove();
    this.clusters.remove();
    this.labels.remove();
  }
}
