import * as maplibregl from 'maplibre-gl';
import type { MapPropertyData } from './ops-map.types';
import classes from './OpsMap.module.css';

/** Property names are drawn from this zoom on: below it they would cover each other. */
const LABEL_MIN_ZOOM = 14;
const LABEL_MAX = 150;

/** Names on the boundaries at street zoom; DOM labels because the offline style has no glyphs. */
export class PropertyLabels {
  private markers = new Map<string, maplibregl.Marker>();

  constructor(private readonly map: maplibregl.Map) {}

  draw(properties: readonly MapPropertyData[]): void {
    const show = this.map.getZoom() >= LABEL_MIN_ZOOM && properties.length <= LABEL_MAX;
    const wanted = new Set(show ? properties.map((p) => p.id) : []);
    for (const [id, marker] of this.markers) {
      if (!wanted.has(id)) {
        marker.remove();
        this.markers.delete(id);
      }
    }
    if (!show) return;
    for (const p of properties) {
      if (this.markers.has(p.id)) continue;
      const element = document.createElement('div');
      element.className = classes.propertyLabel ?? '';
      element.textContent = p.name;
      const marker = new maplibregl.Marker({ element, anchor: 'center' })
        .setLngLat([p.centroid.lng, p.centroid.lat])
        .addTo(this.map);
      this.markers.set(p.id, marker);
    }
  }

  remove(): void {
    for (const marker of this.markers.values()) marker.remove();
    this.markers.clear();
  }
}
