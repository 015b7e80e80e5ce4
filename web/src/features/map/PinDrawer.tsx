import { useMemo } from 'react';
import { RecordDrawer, type RecordRef } from '../records/RecordDrawer';
import type { Pin } from './map.pins';

/** The pin clicked on the map, in the drawer every Issue and Enhancement opens in. */
export function PinDrawer({ pin, onClose }: { pin: Pin | null; onClose: () => void }) {
  const kind = pin?.kind;
  const id = pin?.id;
  // A live update replaces the pin object; the drawer (and its Back trail) follows the record, not the object.
  const record = useMemo<RecordRef | null>(() => (kind && id ? { kind, id } : null), [kind, id]);
  return <RecordDrawer record={record} onClose={onClose} />;
}
