import type { IssueUrgency } from './enums.js';

/** What ordering a crew's work needs of an Issue. */
export type WorkOrderIssue = {
  id: string;
  urgency: IssueUrgency;
  /** Null when no crew's schedule gives it a due date. */
  dueAt: Date | string | null;
};

const instant = (value: Date | string) => (value instanceof Date ? value.getTime() : Date.parse(value));

/**
 * The order a crew works its open Issues in: urgent ones first; then by due
 * time, earliest first — which puts the overdue ones first, the latest of
 * them at the top, then the rest by the day they are due; Issues with no due
 * date last. Ties go by id so the order is the same on every device.
 */
export function compareWorkOrder(a: WorkOrderIssue, b: WorkOrderIssue): number {
  const urgent = Number(b.urgency === 'URGENT') - Number(a.urgency === 'URGENT');
  if (urgent !== 0) return urgent;
  if (a.dueAt !== null && b.dueAt !== null) {
    const due = instant(a.dueAt) - instant(b.dueAt);
    if (due !== 0) return due;
  } else if (a.dueAt !== b.dueAt) {
    return a.dueAt === null ? 1 : -1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A copy in work order (compareWorkOrder). */
export function sortByWorkOrder<T extends WorkOrderIssue>(issues: readonly T[]): T[] {
  return [...issues].sort(compareWorkOrder);
}
