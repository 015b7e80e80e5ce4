import * as maplibregl from 'maplibre-gl';
import { ISSUE_STATUS_LABELS } from '@groundwork/shared';
import { clusterLook, planClusterMarkers, ringSegments } from './map.pins';
import type { ViewBox } from './map.viewport';
import type { MapClusterData } from './ops-map.types';
import { ENHANCEMENT_FILL, STATUS_FILL } from './pin.icons';
import classes from './OpsMap.module.css';

/**
 * The server's clusters as DOM markers (a ring of status colours around the
 * count; the server bounds how many), kept marker by marker: one whose look
 * has not changed is moved, not rebuilt. A click zooms to the cluster.
 */
export class ClusterMarkers {
  private markers = new Map<string, { marker: maplibregl.Marker; look: string }>();

  constructor(
    private readonly map: maplibregl.Map,
    private readonly zoomTo: (bounds: ViewBox) => void,
  ) {}

  set(clusters: readonly MapClusterData[]): void {
    const looks = new Map([...this.markers].map(([id, m]) => [id, m.look]));
    const plan = planClusterMarkers(looks, clusters);
    for (const id of plan.remove) {
      this.markers.get(id)?.marker.remove();
      this.markers.delete(id);
    }
    for (const cluster of plan.keep) {
      this.markers.get(cluster.id)?.marker.setLngLat([cluster.location.lng, cluster.location.lat]);
    }
    for (const cluster of plan.create) {
      const marker = new maplibregl.Marker({ element: this.element(cluster), anchor: 'center' })
        .setLngLat([cluster.location.lng, cluster.location.lat])
        .addTo(this.map);
      this.markers.set(cluster.id, { marker, look: clusterLook(cluster) });
    }
  }

  remove(): void {
    for (const { marker } of this.markers.values()) marker.remove();
    this.markers.clear();
  }

  private element(cluster: MapClusterData): HTMLElement {
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
      this.zoomTo(cluster.bounds);
    });
    return element;
  }
}
