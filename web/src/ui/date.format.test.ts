// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  daysBetween,
  daysSince,
  daysUntil,
  formatDayOffset,
  formatLocalDate,
  formatRelativeTime,
  todayLocalDate,
} from './date.format';

// Local noon keeps "today" unambiguous whatever zone the tests run in.
const now = new Date(2026, 2, 10, 12, 0, 0); // 10 March 2026, 12:00 local

describe('calendar days', () => {
  it("reads today's date on the viewer's calendar", () => {
    expect(todayLocalDate(now)).toBe('2026-03-10');
  });

  it('counts whole days, negative backwards, across month ends and DST changes', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(daysBetween('2026-03-02', '2026-02-27')).toBe(-3);
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
  });

  it('counts days until a renewal date', () => {
    expect(daysUntil('2026-03-10', now)).toBe(0);
    expect(daysUntil('2026-04-24', now)).toBe(45);
    expect(daysUntil('2026-03-01', now)).toBe(-9);
  });

  it('counts days since a calendar date or an instant', () => {
    expect(daysSince('2026-02-03', now)).toBe(35);
    expect(daysSince(new Date(2026, 2, 8, 23, 30).toISOString(), now)).toBe(2);
  });

  it('rejects text that is not a calendar date', () => {
    expect(() => daysBetween('10/03/2026', '2026-03-10')).toThrow(RangeError);
  });
});

describe('formatting', () => {
  it('formats a calendar day without shifting it by the time zone', () => {
    expect(formatLocalDate('2026-03-01')).toBe('Mar 1, 2026');
    expect(formatLocalDate(null)).toBe('—');
  });

  it('describes day offsets in words', () => {
    expect(formatDayOffset(0)).toBe('today');
    expect(formatDayOffset(1)).toBe('tomorrow');
    expect(formatDayOffset(45)).toBe('in 45 days');
    expect(formatDayOffset(-12)).toBe('12 days ago');
  });

  it('describes instants relative to now with the natural unit', () => {
    const at = (d: Date) => d.toISOString();
    expect(formatRelativeTime(at(new Date(now.getTime() - 20_000)), now)).toBe('just now');
    expect(formatRelativeTime(at(new Date(now.getTime() - 5 * 60_000)), now)).toBe('5 minutes ago');
    expect(formatRelativeTime(at(new Date(2026, 2, 10, 9, 0)), now)).toBe('3 hours ago');
    expect(formatRelativeTime(at(new Date(2026, 2, 9, 18, 0)), now)).toBe('yesterday');
    expect(formatRelativeTime(at(new Date(2026, 1, 24, 12, 0)), now)).toBe('14 days ago');
    expect(formatRelativeTime(at(new Date(2025, 11, 10, 12, 0)), now)).toBe('3 months ago');
    expect(formatRelativeTime(at(new Date(2024, 2, 10, 12, 0)), now)).toBe('2 years ago');
    expect(formatRelativeTime(at(new Date(2026, 2, 13, 12, 0)), now)).toBe('in 3 days');
    expect(formatRelativeTime(null, now)).toBe('—');
  });
});
