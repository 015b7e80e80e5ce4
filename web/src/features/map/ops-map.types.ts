import type { GeoJSONMultiPolygon as MultiPolygon } from '../../ui/map.geometry';
import type { PinDrop, PinFeature } from './map.pins';
import type { STATUS_FILL } from './pin.icons';
import type { ViewBox } from './map.viewport';

// What the live map's data hook hands the maplibre side, and what the map tells the page.

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
  /** A click on pins drawn over each other (top first), at this page point: the page lets the viewer choose. */
  onPinStack(ids: string[], point: { x: number; y: number }): void;
  /**
   * A pin was dropped; returns how it looks now (the optimistic change), which
   * the map shows at once, or null when the drop changes nothing.
   */
  onPinDrop(id: string, drop: PinDrop): PinFeature | null;
  /** Whether this pin may be dragged by the viewer (Issues they may assign). */
  canDrag(id: string): boolean;
  /**
   * A right-click or long-press on a spot, with the property whose boundary
   * is drawn there (null outside every property): "New Issue here".
   */
  onSpotPress(spot: { lngLat: { lng: number; lat: number }; propertyId: string | null }): void;
};
