// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDayOffset, formatLocalDate, formatRelativeTime } from './date.format';

// Company days are Denver's, whatever zone the test machine (or a browser) is in.
const DENVER = 'America/Denver';
const now = new Date('2026-03-10T18:00:00Z'); // 12:00 MDT on 10 March 2026

describe('formatting', () => {
  it('formats a calendar day without shifting it by the time zone', () => {
    expect(formatLocalDate('2026-03-01')).toBe('Mar 1, 2026');
    expect(formatLocalDate(null)).toBe('—');
  });

  it("shows an instant on the company's clock, not the browser's", () => {
    // A routine Issue due at the end of 7 December in Denver is 06:59 UTC on the 8th.
    expect(formatDateTime('2026-12-08T06:59:59.999Z', DENVER)).toBe('Dec 7, 2026, 11:59 PM');
    expect(formatDateTime('2026-12-08T06:59:59.999Z', 'Asia/Tokyo')).toBe('Dec 8, 2026, 3:59 PM');
    expect(formatDateTime(null, DENVER)).toBe('—');
  });

  it('describes day offsets in words', () => {
    expect(formatDayOffset(0)).toBe('today');
    expect(formatDayOffset(1)).toBe('tomorrow');
    expect(formatDayOffset(45)).toBe('in 45 days');
    expect(formatDayOffset(-12)).toBe('12 days ago');
  });

  it('describes instants relative to now with the natural unit, on the company calendar', () => {
    const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
    expect(formatRelativeTime(ago(20_000), now, DENVER)).toBe('just now');
    expect(formatRelativeTime(ago(5 * 60_000), now, DENVER)).toBe('5 minutes ago');
    expect(formatRelativeTime('2026-03-10T15:00:00Z', now, DENVER)).toBe('3 hours ago'); // 09:00 MDT
    // 18:00 MDT on 9 March is already 10 March in UTC: still "yesterday" for the company.
    expect(formatRelativeTime('2026-03-10T00:00:00Z', now, DENVER)).toBe('yesterday');
    expect(formatRelativeTime('2026-03-10T00:00:00Z', now, 'UTC')).toBe('18 hours ago');
    expect(formatRelativeTime('2026-02-24T19:00:00Z', now, DENVER)).toBe('14 days ago');
    expect(formatRelativeTime('2025-12-10T19:00:00Z', now, DENVER)).toBe('3 months ago');
    expect(formatRelativeTime('2024-03-10T19:00:00Z', now, DENVER)).toBe('2 years ago');
    expect(formatRelativeTime('2026-03-13T18:00:00Z', now, DENVER)).toBe('in 3 days');
    expect(formatRelativeTime(null, now, DENVER)).toBe('—');
  });
});
