import { useCallback, useMemo } from 'react';
import { RecordDrawer, type RecordRef } from '../records/RecordDrawer';
import type { MapCrew } from './CrewPanel';
import { IssueCrewPicker } from './IssueCrewPicker';

type PinDrawerProps = {
  /** The pin opened (from the map, or an announcement); null when none is. */
  pin: { id: string; kind: 'ISSUE' | 'ENHANCEMENT' } | null;
  onClose: () => void;
  /** Present for people who may assign: the drawer then offers a crew picker. */
  assign?: (issueId: string, crewId: string) => Promise<boolean>;
  crews?: readonly MapCrew[];
};

const NO_CREWS: readonly MapCrew[] = [];

/** The pin opened on the map, in the drawer every Issue and Enhancement opens in, with a crew picker for Issues. */
export function PinDrawer({ pin, onClose, assign, crews = NO_CREWS }: PinDrawerProps) {
  const kind = pin?.kind;
  const id = pin?.id;
  // A live update replaces the pin object; the drawer (and its Back trail) follows the record, not the object.
  const record = useMemo<RecordRef | null>(() => (kind && id ? { kind, id } : null), [kind, id]);
  const issueExtra = useCallback(
    (issueId: string) => (assign ? <IssueCrewPicker issueId={issueId} crews={crews} onAssign={assign} /> : null),
    [assign, crews],
  );
  return <RecordDrawer record={record} onClose={onClose} issueExtra={issueExtra} />;
}
