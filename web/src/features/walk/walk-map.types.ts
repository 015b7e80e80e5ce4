import type { MapProperty } from '../../ui/map.geometry';

export type LngLat = { lng: number; lat: number };

/**
 * An open Issue or Enhancement already on the property (shown so nobody
 * captures it twice), or a `draft`: captured on this phone, not sent yet.
 */
export type WalkPin = { id: string; kind: 'ISSUE' | 'ENHANCEMENT'; title: string; location: LngLat; draft?: boolean };

export type WalkMapProps = {
  property: MapProperty;
  pins: readonly WalkPin[];
  /** Where the phone is, when the browser says. */
  here: LngLat | null;
  /** The spot chosen for the next capture. */
  spot: LngLat | null;
  onPick: (spot: LngLat) => void;
  onOpenPin: (pin: WalkPin) => void;
};
