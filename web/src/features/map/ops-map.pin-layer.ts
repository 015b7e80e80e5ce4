import * as maplibregl from 'maplibre-gl';
import { sameFeatures, type PinFeature, type PinFeatureCollection } from './map.pins';
import { EMPTY_PINS, HELD, HELD_LAYER, PIN_LAYER, PINS, ensurePinImage } from './ops-map.layers';
import { pinDataUrl } from './pin.icons';
import classes from './OpsMap.module.css';

/**
 * The pins on the canvas: one setData per change of the whole pin set, and a
 * dropped pin shown at once with its new look until the page's pin set has it
 * settled — through a small source of held pins and, for the first frames, a
 * DOM marker — so it never blinks back to where it was.
 */
export class PinLayer {
  private pins: PinFeatureCollection = EMPTY_PINS;
  /** The pin being dragged: hidden, since the ghost following the pointer stands for it. */
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

  constructor(private readonly map: maplibregl.Map) {}

  /** The pin set the sources start from (a new style's sources are empty). */
  get current(): PinFeatureCollection {
    return this.pins;
  }

  /** New sources (a new style dropped the old ones): whatever they were given before is gone. */
  forgetDrawn(): void {
    this.drawn = { pins: null, held: null };
  }

  set(pins: PinFeatureCollection): void {
    this.pins = pins;
    this.draw();
  }

  /** A drag began: the pin leaves its spot. */
  lift(id: string): void {
    this.dragging = id;
    this.draw();
  }

  /**
   * A drag ended; `dropped` then tells the drop to the page and returns the
   * pin's optimistic look. With one (the drop changed it) the pin is shown at
   * once and held until the page's pins have it; without, it is put back.
   */
  drop(id: string, dropped: () => PinFeature | null): void {
    this.dragging = null;
    const feature = dropped();
    if (feature) {
      // A look not drawn before (assigned and pending) would cost the worker a round trip back here for its image.
      ensurePinImage(this.map, feature.properties.icon);
      this.held.set(id, { feature, since: this.pins });
      this.releasing.delete(id);
      this.flash(feature);
      this.drawHeld();
    }
    // The big source hid the pin while it was dragged; without a drop to show, put it back.
    else this.draw();
  }

  /** Where a pin is drawn, in page pixels (null when it is not in the pin set). */
  pointOf(id: string): { x: number; y: number } | null {
    const feature = this.pins.features.find((f) => f.id === id);
    if (!feature) return null;
    const [lng, lat] = feature.geometry.coordinates;
    const point = this.map.project([lng, lat]);
    const rect = this.map.getCanvas().getBoundingClientRect();
    return { x: rect.left + point.x, y: rect.top + point.y };
  }

  /** The pins the map has actually drawn (placed by the renderer, or a dropped pin's marker), with their look. */
  rendered(): { id: string; icon: string }[] {
    if (!this.map.getLayer(PIN_LAYER)) return [];
    const flashes = [...this.flashes].map(([id, { icon }]) => ({ id, icon }));
    return flashes.concat(
      this.map.queryRenderedFeatures({ layers: [HELD_LAYER, PIN_LAYER] }).map((f) => ({
        id: String(f.properties['id']),
        icon: String(f.properties['icon']),
      })),
    );
  }

  remove(): void {
    for (const { marker } of this.flashes.values()) marker.remove();
    this.flashes.clear();
  }

  draw(): void {
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
}
