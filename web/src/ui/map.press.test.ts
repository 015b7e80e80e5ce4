import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as maplibregl from 'maplibre-gl';
import { LONG_PRESS_MS, onSpotPress, type SpotPress } from './map.press';

/** The part of a maplibre map the press listener uses: on, off, and a way to raise its events. */
function fakeMap() {
  const handlers = new Map<string, Set<(event: unknown) => void>>();
  const map = {
    on: (type: string, fn: (event: unknown) => void) => handlers.set(type, (handlers.get(type) ?? new Set()).add(fn)),
    off: (type: string, fn: (event: unknown) => void) => handlers.get(type)?.delete(fn),
  };
  const fire = (type: string, event: Record<string, unknown> = {}) =>
    handlers.get(type)?.forEach((fn) => fn({ preventDefault: () => undefined, ...event }));
  const listening = () => [...handlers.values()].reduce((n, set) => n + set.size, 0);
  return { map: map as unknown as maplibregl.Map, fire, listening };
}

const at = (x: number, y: number) => ({ point: { x, y }, lngLat: { lng: -104.95 + x / 1e5, lat: 39.72 - y / 1e5 } });
const touch = (x: number, y: number, fingers = 1) => ({ ...at(x, y), points: Array.from({ length: fingers }) });

describe('onSpotPress', () => {
  let presses: SpotPress[];
  beforeEach(() => {
    vi.useFakeTimers();
    presses = [];
  });
  afterEach(() => vi.useRealTimers());

  it('a right-click presses at once, where it was', () => {
    const { map, fire } = fakeMap();
    onSpotPress(map, (p) => presses.push(p));
    fire('contextmenu', at(100, 50));
    expect(presses).toEqual([{ point: { x: 100, y: 50 }, lngLat: at(100, 50).lngLat }]);
  });

  it('a second right-click soon after the first presses again', () => {
    const { map, fire } = fakeMap();
    onSpotPress(map, (p) => presses.push(p));
    fire('contextmenu', at(100, 50));
    vi.advanceTimersByTime(200);
    fire('contextmenu', at(106, 46));
    expect(presses.map((p) => p.point)).toEqual([
      { x: 100, y: 50 },
      { x: 106, y: 46 },
    ]);
  });

  it('a finger resting 500 ms presses; lifted, moved or joined by a second finger before, it does not', () => {
    const { map, fire } = fakeMap();
    onSpotPress(map, (p) => presses.push(p));
    fire('touchstart', touch(10, 10));
    vi.advanceTimersByTime(LONG_PRESS_MS - 1);
    expect(presses).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(presses.map((p) => p.point)).toEqual([{ x: 10, y: 10 }]);

    fire('touchstart', touch(20, 20));
    fire('touchend');
    fire('touchstart', touch(30, 30));
    fire('touchmove', touch(45, 30)); // a pan, not a press
    fire('touchstart', touch(40, 40));
    fire('touchmove', touch(42, 41)); // a trembling finger is still a press
    vi.advanceTimersByTime(LONG_PRESS_MS);
    fire('touchstart', touch(50, 50, 2)); // a pinch
    vi.advanceTimersByTime(LONG_PRESS_MS);
    expect(presses.map((p) => p.point)).toEqual([
      { x: 10, y: 10 },
      { x: 40, y: 40 },
    ]);
  });

  it('the browser’s own contextmenu after a long-press does not press twice; stopping removes every listener', () => {
    const { map, fire, listening } = fakeMap();
    const stop = onSpotPress(map, (p) => presses.push(p));
    fire('touchstart', touch(10, 10));
    vi.advanceTimersByTime(LONG_PRESS_MS);
    fire('contextmenu', at(10, 10));
    expect(presses).toHaveLength(1);
    stop();
    expect(listening()).toBe(0);
    fire('contextmenu', at(10, 10));
    expect(presses).toHaveLength(1);
  });
});
