import { describe, expect, it } from 'vitest';
import { formatDay, formatDuration, formatPercent, formatPeriod, scoreTrend } from './report.format';

describe('customer report formatting', () => {
  it('shows a missing percentage as a dash, never 0 %', () => {
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(66.67)).toBe('67%');
  });

  it('says a median time to fix in hours, or days past two days', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(1)).toBe('1 hour');
    expect(formatDuration(5.25)).toBe('5.3 hours');
    expect(formatDuration(72)).toBe('3 days');
  });

  it('reads the trend from the scores as shown', () => {
    expect(scoreTrend(4.2, 3.9)).toBe('up');
    expect(scoreTrend(3.5, 4)).toBe('down');
    expect(scoreTrend(4.02, 3.98)).toBe('same');
    expect(scoreTrend(4, null)).toBe('new');
  });

  // Intl puts thin spaces around the range dash.
  it('writes days in the company zone and periods as ranges', () => {
    expect(formatDay('2026-05-01T05:00:00Z', 'America/Denver')).toBe('Apr 30, 2026');
    expect(formatPeriod('2026-05-01', '2026-05-31')).toBe('May 1\u2009–\u200931, 2026');
    expect(formatPeriod('2026-04-15', '2026-05-14')).toBe('April 15\u2009–\u2009May 14, 2026');
  });
});
