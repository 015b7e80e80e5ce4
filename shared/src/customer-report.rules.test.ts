import { describe, expect, it } from 'vitest';
import { median, percentOf, previousPeriod, rankProofPairs, reportPeriod } from './customer-report.rules.js';

const DENVER = 'America/Denver';

describe('reportPeriod', () => {
  it('defaults to last month in the company zone', () => {
    // 03:00 UTC on March 1st is still February 28th in Denver: last month is January.
    expect(reportPeriod({}, new Date('2026-03-01T03:00:00Z'), DENVER)).toEqual({
      from: '2026-01-01',
      to: '2026-01-31',
    });
    expect(reportPeriod({}, new Date('2026-03-01T12:00:00Z'), DENVER)).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(reportPeriod({}, new Date('2026-01-15T12:00:00Z'), DENVER)).toEqual({
      from: '2025-12-01',
      to: '2025-12-31',
    });
  });

  it('takes any range of up to two years and refuses bad days naming the field', () => {
    const now = new Date('2026-06-10T12:00:00Z');
    expect(reportPeriod({ from: '2025-06-01', to: '2026-05-31' }, now, DENVER)).toEqual({
      from: '2025-06-01',
      to: '2026-05-31',
    });
    expect(() => reportPeriod({ from: '2026-02-30' }, now, DENVER)).toThrow(/YYYY-MM-DD/);
    expect(() => reportPeriod({ from: '2026-05-02', to: '2026-05-01' }, now, DENVER)).toThrowError(
      expect.objectContaining({ details: { field: 'input.to' } }),
    );
    expect(() => reportPeriod({ from: '2020-01-01', to: '2026-05-01' }, now, DENVER)).toThrow(/731 days/);
  });

  it('gives the period of the same length just before', () => {
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-01-29', to: '2026-02-28' });
  });
});

describe('figures', () => {
  it('median of odd and even counts, null for none', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('percent with one decimal, null without a whole', () => {
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(0, 4)).toBe(0);
    expect(percentOf(0, 0)).toBeNull();
  });
});

describe('rankProofPairs', () => {
  it('puts safety first, then urgent, then the most recent', () => {
    const at = (d: string) => new Date(`2026-05-${d}T12:00:00Z`);
    const ranked = rankProofPairs([
      { issueId: 'a', category: 'WEEDS', urgency: 'ROUTINE', resolvedAt: at('20') },
      { issueId: 'b', category: 'SAFETY', urgency: 'URGENT', resolvedAt: at('02') },
      { issueId: 'c', category: 'IRRIGATION_LEAK', urgency: 'URGENT', resolvedAt: at('10') },
      { issueId: 'd', category: 'LITTER', urgency: 'ROUTINE', resolvedAt: at('25') },
      { issueId: 'e', category: 'LITTER', urgency: 'ROUTINE', resolvedAt: at('25') },
    ]);
    expect(ranked.map((r) => r.issueId)).toEqual(['b', 'c', 'd', 'e', 'a']);
  });
});
