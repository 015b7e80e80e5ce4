import { plural } from '@groundwork/shared';

/** "due today", "3 days overdue", "in 5 days", from the server's dueInDays (company days). */
export function dueLabel(dueInDays: number): string {
  if (dueInDays === 0) return 'due today';
  if (dueInDays < 0) return `${plural(-dueInDays, 'day')} overdue`;
  if (dueInDays === 1) return 'due tomorrow';
  return `in ${plural(dueInDays, 'day')}`;
}

/** "120 m" / "3.4 km" from the property; null when the position is unknown. */
export function distanceLabel(meters: number | null): string | null {
  if (meters === null) return null;
  if (meters === 0) return 'you are here';
  if (meters < 1000) return `${Math.round(meters)} m`;
  return `${(meters / 1000).toFixed(1)} km`;
}

const weekday = new Map<string, Intl.DateTimeFormat>();

/**
 * "Saved — Irrigation South, due Thu" from the server's answer: the crew it
 * was routed to and the due day in the company's zone (the crews' calendar).
 */
export function savedIssueLabel(crewName: string | null, dueAt: string | null, timeZone: string): string {
  let format = weekday.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone });
    weekday.set(timeZone, format);
  }
  const due = dueAt ? `due ${format.format(new Date(dueAt))}` : null;
  const parts = [crewName ?? 'not routed to a crew yet', due].filter((p): p is string => p !== null);
  return `Saved — ${parts.join(', ')}`;
}

// A company day (LocalDate) shown as itself: noon UTC of that day, formatted in UTC, is that day everywhere.
const visitDay = new Intl.DateTimeFormat('en-US', {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/**
 * "Next visits: Irrigation South Thu, Dec 10 · Maintenance North Tue, Dec 15": each crew serving
 * the property once, at its earliest scheduled visit, soonest first (what "next visit" routing
 * means for what is captured now); null when no crew serves it.
 */
export function nextVisitsLabel(
  schedules: readonly { nextVisitDate: string; crew: { name: string } }[],
): string | null {
  const byCrew = new Map<string, string>();
  for (const { crew, nextVisitDate } of schedules) {
    const known = byCrew.get(crew.name);
    if (!known || nextVisitDate < known) byCrew.set(crew.name, nextVisitDate);
  }
  if (byCrew.size === 0) return null;
  const visits = [...byCrew].sort(([crewA, a], [crewB, b]) => (a === b ? crewA.localeCompare(crewB) : a < b ? -1 : 1));
  return `Next visits: ${visits.map(([crew, date]) => `${crew} ${visitDay.format(new Date(`${date}T12:00:00Z`))}`).join(' · ')}`;
}
