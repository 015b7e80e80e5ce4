import type { VisitCadence } from '@groundwork/shared';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** Name of an ISO weekday (1 = Monday … 7 = Sunday, as the schedule rules in shared/ use). */
export function weekdayName(isoWeekday: number): string {
  return WEEKDAYS[isoWeekday - 1] ?? `Day ${isoWeekday}`;
}

/** "Every Tuesday", "Every other Tuesday", "Monthly on a Tuesday". */
export function describeVisits(weekday: number, cadence: VisitCadence): string {
  const day = weekdayName(weekday);
  switch (cadence) {
    case 'WEEKLY':
      return `Every ${day}`;
    case 'BIWEEKLY':
      return `Every other ${day}`;
    case 'MONTHLY':
      return `Monthly on a ${day}`;
  }
}

const SQM_PER_ACRE = 4046.8564224;
const acres = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const sqft = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * Area as US landscaping contracts state it: acres for grounds, square feet
 * for small sites (under a quarter acre, where "0.1 ac" hides real differences).
 */
export function formatArea(areaSqm: number): string {
  const ac = areaSqm / SQM_PER_ACRE;
  if (ac >= 0.25) return `${acres.format(ac)} ac`;
  return `${sqft.format(areaSqm * 10.7639104)} sq ft`;
}
