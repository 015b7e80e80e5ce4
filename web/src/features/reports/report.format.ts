// Formatting for the customer value report: every figure through Intl, in plain
// words for the customer. Days of instants are the company's days (its zone).

const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 });
const hours = new Intl.NumberFormat('en-US', {
  style: 'unit',
  unit: 'hour',
  unitDisplay: 'long',
  maximumFractionDigits: 1,
});
const days = new Intl.NumberFormat('en-US', {
  style: 'unit',
  unit: 'day',
  unitDisplay: 'long',
  maximumFractionDigits: 1,
});
const score = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** "83 %" for a percentage 0–100; an em dash when there is nothing to divide (never "0 %"). */
export function formatPercent(value: number | null): string {
  return value === null ? '—' : percent.format(value / 100);
}

/** A median time to fix: "5.5 hours" under two days, else "3.2 days"; an em dash without any fix. */
export function formatDuration(valueHours: number | null): string {
  if (valueHours === null) return '—';
  return valueHours < 48 ? hours.format(valueHours) : days.format(valueHours / 24);
}

/** A quality score out of 5 as shown: one decimal. */
export function formatScore(value: number): string {
  return score.format(value);
}

export type Trend = 'up' | 'down' | 'same' | 'new';

/** How an area's score moved against the period before, as the customer reads the shown (rounded) scores. */
export function scoreTrend(average: number, previousAverage: number | null): Trend {
  if (previousAverage === null) return 'new';
  const now = Number(formatScore(average));
  const before = Number(formatScore(previousAverage));
  return now > before ? 'up' : now < before ? 'down' : 'same';
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** "May 5, 2026": the company's day of an instant. */
export function formatDay(instant: string, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone });
    dayFormats.set(timeZone, format);
  }
  return format.format(new Date(instant));
}

const rangeFormat = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: 'UTC',
});

function utcMidnight(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** "May 1 – 31, 2026" for the report's calendar days (both included). */
export function formatPeriod(from: string, to: string): string {
  return rangeFormat.formatRange(utcMidnight(from), utcMidnight(to));
}
