import { pinRank, type Pin } from './map.pins';

/** The most the list shows at once: beyond this a screen of entries is no longer a way to find one. */
export const PIN_LIST_LIMIT = 100;

export type PinListEntries = {
  /** The pins to list, what needs attention first. */
  shown: Pin[];
  /** Every pin the map has loaded (shown.length unless capped). */
  total: number;
};

const dueTime = (pin: Pin) => (pin.dueAt ? Date.parse(pin.dueAt) : Number.POSITIVE_INFINITY);

/**
 * The map's pins as a list, in the order a dispatcher works them: the map's
 * own draw order (safety, urgent, overdue Issues over the rest, Enhancements
 * last), then the soonest due, then by title; capped at `limit`.
 */
export function pinListEntries(pins: Iterable<Pin>, limit = PIN_LIST_LIMIT): PinListEntries {
  const all = [...pins].sort(
    (a, b) =>
      pinRank(b) - pinRank(a) || dueTime(a) - dueTime(b) || a.title.localeCompare(b.title) || a.id.localeCompare(b.id),
  );
  return { shown: all.slice(0, limit), total: all.length };
}
