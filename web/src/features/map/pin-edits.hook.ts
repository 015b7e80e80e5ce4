import { useApolloClient } from '@apollo/client/react';
import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { describeError } from '../../ui/error.describe';
import { droppedPin, pinFeature, type LngLat, type Pin, type PinDrop, type PinFeature } from './map.pins';
import { MapAssignIssueMutation, MapMoveIssueMutation } from './map.documents';
import type { MapNotice } from './map-notices.hook';
import type { MapViewState } from './map-view.hook';

/**
 * Assigning and moving pins, optimistically: the pin changes at once and is
 * pending until the server answers; a refusal rolls it back (unless a live
 * event already brought a newer state) with a notice that says why.
 */
export function usePinEdits(map: {
  viewRef: RefObject<MapViewState>;
  setPins(update: (pins: Map<string, Pin>) => Map<string, Pin>): void;
  requestReload(): void;
  notify(notice: Omit<MapNotice, 'id'>): void;
  crewName(id: string): string;
}) {
  const client = useApolloClient();
  const { viewRef, setPins, requestReload, notify } = map;
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const crewNameRef = useRef(map.crewName);
  // Read by the map's callbacks, which outlive a render.
  useLayoutEffect(() => {
    crewNameRef.current = map.crewName;
  });

  const withPending = (id: string, on: boolean) =>
    setPending((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  /** Puts the server's refusal in words, rolls the pin back and, on a conflict, shows the current state. */
  const refused = (err: unknown, original: Pin, action: string) => {
    const { code, title, message } = describeError(err);
    setPins((pins) => {
      const now = pins.get(original.id);
      // A live event may already have brought a newer state: keep that rather than the old one.
      if (now && now.version > original.version) return pins;
      return new Map(pins).set(original.id, original);
    });
    if (code === 'VERSION_CONFLICT') {
      requestReload();
      notify({
        tone: 'orange',
        title: `Not ${action}: someone else changed this Issue first`,
        message: `“${original.title}” now shows their change. Check it, then try again if it still needs doing.`,
        pinId: original.id,
      });
    } else if (code === 'FORBIDDEN') {
      notify({ tone: 'red', title: `You may not change “${original.title}”`, message, pinId: original.id });
    } else {
      notify({ tone: 'red', title: `Not ${action}: ${title}`, message, pinId: original.id });
    }
  };

  /** Assigns the Issue to the crew (a drop, or the drawer's crew picker); true once the server has it. */
  const assign = useCallback(
    async (id: string, crewId: string): Promise<boolean> => {
      const original = viewRef.current.pins.get(id);
      const optimistic = droppedPin(original, { crewId });
      if (!original || !optimistic) return false;
      setPins((pins) => new Map(pins).set(id, optimistic));
      withPending(id, true);
      try {
        const { data } = await client.mutate({
          mutation: MapAssignIssueMutation,
          variables: { input: { issueId: id, crewId, expectedVersion: original.version } },
        });
        const issue = data?.assignIssue;
        if (issue) {
          setPins((pins) => {
            const now = pins.get(id);
            if (!now || now.version > issue.version) return pins;
            return new Map(pins).set(id, {
              ...now,
              crewId: issue.crew?.id ?? null,
              status: issue.status,
              version: issue.version,
              dueAt: issue.dueAt,
              overdue: issue.overdue,
            });
          });
          const crew = crewNameRef.current(crewId);
          // The due date follows the crew's next visit: a crew that never visits the property sets none.
          const visits = issue.property.schedules.some((s) => s.crew.id === crewId);
          notify(
            visits
              ? { tone: 'green', title: `Assigned to ${crew}`, message: original.title, pinId: id }
              : {
                  tone: 'orange',
                  title: `Assigned to ${crew}, who has no visit scheduled at ${issue.property.name}`,
                  message: `“${original.title}” ${issue.dueAt ? 'keeps the due date it had' : 'has no due date'}: check the crew can get there.`,
                  pinId: id,
                },
          );
        }
        return Boolean(issue);
      } catch (err) {
        refused(err, original, 'assigned');
        return false;
      } finally {
        withPending(id, false);
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the helpers only use refs and stable setters
    [client, notify, setPins],
  );

  const move = useCallback(
    async (id: string, location: LngLat) => {
      const original = viewRef.current.pins.get(id);
      const optimistic = droppedPin(original, { location });
      if (!original || !optimistic) return;
      setPins((pins) => new Map(pins).set(id, optimistic));
      withPending(id, true);
      try {
        const { data } = await client.mutate({
          mutation: MapMoveIssueMutation,
          variables: { input: { issueId: id, location, expectedVersion: original.version } },
        });
        const issue = data?.moveIssue;
        if (issue) {
          setPins((pins) => {
            const now = pins.get(id);
            if (!now || now.version > issue.version) return pins;
            return new Map(pins).set(id, { ...now, location: issue.location, version: issue.version });
          });
        }
      } catch (err) {
        refused(err, original, 'moved');
      } finally {
        withPending(id, false);
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the helpers only use refs and stable setters
    [client, notify, setPins],
  );

  /**
   * A drop on the map: starts the assignment or move and returns the pin's
   * optimistic look for the map to draw at once (null when there is nothing to do).
   */
  const drop = useCallback(
    (id: string, target: PinDrop): PinFeature | null => {
      const optimistic = droppedPin(viewRef.current.pins.get(id), target);
      if (!optimistic) return null;
      void ('crewId' in target ? assign(id, target.crewId) : move(id, target.location));
      return pinFeature(optimistic, true);
    },
    [assign, move, viewRef],
  );

  return { pending, assign, move, drop };
}
