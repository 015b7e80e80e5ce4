import { describe, expect, it } from 'vitest';
import { sortByWorkOrder, type WorkOrderIssue } from './work-order.rules.js';

const issue = (id: string, urgency: WorkOrderIssue['urgency'], dueAt: string | null): WorkOrderIssue => ({
  id,
  urgency,
  dueAt,
});

describe('sortByWorkOrder', () => {
  // "Now" is 7 Dec 12:00Z: everything due before it is overdue, the earliest due the latest.
  const list = [
    issue('routine-due-tomorrow', 'ROUTINE', '2026-12-08T12:00:00Z'),
    issue('routine-no-due', 'ROUTINE', null),
    issue('routine-3-days-late', 'ROUTINE', '2026-12-04T12:00:00Z'),
    issue('urgent-due-today', 'URGENT', '2026-12-07T18:00:00Z'),
    issue('routine-1-day-late', 'ROUTINE', '2026-12-06T12:00:00Z'),
    issue('urgent-2-days-late', 'URGENT', '2026-12-05T12:00:00Z'),
    issue('routine-due-next-week', 'ROUTINE', '2026-12-14T12:00:00Z'),
  ];

  it('puts urgent first, then the overdue by lateness, then the rest by due date, undated last', () => {
    expect(sortByWorkOrder(list).map((i) => i.id)).toEqual([
      'urgent-2-days-late',
      'urgent-due-today',
      'routine-3-days-late',
      'routine-1-day-late',
      'routine-due-tomorrow',
      'routine-due-next-week',
      'routine-no-due',
    ]);
  });

  it('gives the same order whatever order the list came in, and leaves the input alone', () => {
    const reversed = [...list].reverse();
    expect(sortByWorkOrder(reversed)).toEqual(sortByWorkOrder(list));
    expect(reversed[0]!.id).toBe('routine-due-next-week');
  });

  it('breaks ties by id and reads Date due times as well as ISO strings', () => {
    const same = '2026-12-06T12:00:00Z';
    expect(
      sortByWorkOrder([issue('b', 'ROUTINE', same), { id: 'a', urgency: 'ROUTINE', dueAt: new Date(same) }]).map(
        (i) => i.id,
      ),
    ).toEqual(['a', 'b']);
  });
});
