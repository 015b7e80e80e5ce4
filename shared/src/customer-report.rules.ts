import { addDaysToDate, companyToday, daysBetweenDates, requireDateOnly } from './calendar.rules.js';
import { badInput } from './errors.js';

// The customer value report (Communicate): what was found and fixed for a
// customer in a period, with before/after proof. Written for the customer:
// no internal figure (health, revenue at risk, renewal risk) belongs here.

/** The longest period one report covers: two years of days. */
export const REPORT_MAX_DAYS = 731;
/** Before/after pairs chosen for a report unless the account manager picks others. */
export const REPORT_DEFAULT_PROOF_PAIRS = 6;

export interface ReportPeriod {
  /** First and last company-local day, both included. */
  from: string;
  to: string;
}

/**
 * The report's period: both days given, or by default last month (in the
 * company's zone, as `now` falls there). Each bad day is refused naming its field.
 */
export function reportPeriod(
  input: { from?: string | null; to?: string | null },
  now: Date,
  timeZone: string,
  fields = { from: 'input.from', to: 'input.to' },
): ReportPeriod {
  const today = companyToday(now, timeZone);
  const firstOfThisMonth = `${today.slice(0, 8)}01`;
  const lastOfLastMonth = addDaysToDate(firstOfThisMonth, -1);
  const from = input.from == null ? `${lastOfLastMonth.slice(0, 8)}01` : requireDateOnly(input.from, fields.from);
  const to = input.to == null ? lastOfLastMonth : requireDateOnly(input.to, fields.to);
  const days = daysBetweenDates(from, to);
  if (days < 0) throw badInput(fields.to, 'must be on or after the first day');
  if (days + 1 > REPORT_MAX_DAYS)
    throw badInput(fields.to, `must be at most ${REPORT_MAX_DAYS} days after the first day`);
  return { from, to };
}

/** The period of the same length just before (for a trend). */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  const days = daysBetweenDates(period.from, period.to) + 1;
  return { from: addDaysToDate(period.from, -days), to: addDaysToDate(period.from, -1) };
}

/** The median of the values, null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** `part` of `whole` in percent, one decimal; null when there is no whole (shown as "—", never 0 %). */
export function percentOf(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.round((part / whole) * 1000) / 10;
}

export interface ProofCandidate {
  issueId: string;
  category: string;
  urgency: string;
  resolvedAt: Date;
}

/**
 * The most telling fixes first: safety Issues, then other urgent ones, then
 * the rest; within each, the most recently fixed first (ties by id, so the
 * order is stable).
 */
export function rankProofPairs<T extends ProofCandidate>(candidates: readonly T[]): T[] {
  const weight = (c: ProofCandidate) => (c.category === 'SAFETY' ? 0 : c.urgency === 'URGENT' ? 1 : 2);
  return [...candidates].sort(
    (a, b) =>
      weight(a) - weight(b) ||
      b.resolvedAt.getTime() - a.resolvedAt.getTime() ||
      (a.issueId < b.issueId ? -1 : a.issueId > b.issueId ? 1 : 0),
  );
}
