import { useEffect, useState } from 'react';
import type { LngLat } from './walk-map.types';

export type Position = { state: 'pending' | 'denied' | 'known'; here: LngLat | null };

/**
 * The phone's position, followed while the page is open. Without permission
 * (or without Geolocation) the state is "denied" and callers fall back.
 */
export function useGeolocation(): Position {
  const [position, setPosition] = useState<Position>(() =>
    typeof navigator !== 'undefined' && navigator.geolocation
      ? { state: 'pending', here: null }
      : { state: 'denied', here: null },
  );
  useEffect(() => {
    if (!navigator.geolocation) return;
    const watch = navigator.geolocation.watchPosition(
      (p) => setPosition({ state: 'known', here: { lng: p.coords.longitude, lat: p.coords.latitude } }),
      () => setPosition((current) => (current.here ? current : { state: 'denied', here: null })),
      { enableHighAccuracy: true, maximumAge: 10_000, timeout: 15_000 },
    );
    return () => navigator.geolocation.clearWatch(watch);
  }, []);
  return position;
}
