// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { formatHours, formatMonth, formatOutOf, formatShare, monthChoices } from './kpi.format';

describe('KPI figures as they read', () => {
  it('reads a share as a whole percent, and no data as a dash, never 0', () => {
    expect(formatShare(0.84)).toBe('84 %');
    expect(formatShare(0.845)).toBe('85 %');
    expect(formatShare(1)).toBe('100 %');
    expect(formatShare(0)).toBe('0 %');
    expect(formatShare(null)).toBe('—');
  });

  it('reads a duration in days from 48 hours, in hours below', () => {
    expect(formatHours(5.6)).toBe('5.6 h');
    expect(formatHours(30.4)).toBe('30 h');
    expect(formatHours(47.9)).toBe('48 h');
    expect(formatHours(48)).toBe('2 d');
    expect(formatHours(60)).toBe('2.5 d');
    expect(formatHours(288)).toBe('12 d');
    expect(formatHours(299)).toBe('12 d');
    expect(formatHours(null)).toBe('—');
  });

  it('reads parts of a whole, walks owed to a tenth', () => {
    expect(formatOutOf(21, 25)).toBe('21 of 25');
    expect(formatOutOf(3, 4.2857)).toBe('3 of 4.3');
    expect(formatOutOf(null, 4)).toBeNull();
  });

  it('names a month, the one under way "to date"', () => {
    expect(formatMonth('2026-11', '2026-12')).toBe('Nov 2026');
    expect(formatMonth('2026-12', '2026-12')).toBe('Dec 2026 (to date)');
  });

  it('offers the last 24 months, this one first', () => {
    const choices = monthChoices('2026-12');
    expect(choices).toHaveLength(24);
    expect(choices[0]).toEqual({ value: '2026-12', label: 'Dec 2026 (to date)' });
    expect(choices[1]).toEqual({ value: '2026-11', label: 'Nov 2026' });
    expect(choices.at(-1)).toEqual({ value: '2025-01', label: 'Jan 2025' });
  });
});
