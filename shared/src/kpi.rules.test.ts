import { describe, expect, it } from 'vitest';
import {
  addMonths,
  expectedWalks,
  isMonth,
  kpiShare,
  monthOf,
  monthWindow,
  requireMonth,
  trendMonths,
  walkCompliance,
  KPI_METRICS,
  KPI_METRIC_INFO,
} from './kpi.rules.js';

const DENVER = 'America/Denver';

describe('KPI months', () => {
  it('reads YYYY-MM only, naming the field otherwise', () => {
    expect(['2026-05', '1999-12'].map(isMonth)).toEqual([true, true]);
    expect(['2026-13', '2026-5', '2026-05-01', 202605, null].map(isMonth)).toEqual([false, false, false, false, false]);
    expect(requireMonth('2026-05', 'input.month')).toBe('2026-05');
    expect(() => requireMonth('May', 'input.month')).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', message: 'input.month: must be a month as YYYY-MM' }),
    );
  });

  it('steps across years both ways', () => {
    expect([
      addMonths('2026-01', -1),
      addMonths('2025-12', 1),
      addMonths('2026-05', -11),
      addMonths('2026-05', 0),
    ]).toEqual(['2025-12', '2026-01', '2025-06', '2026-05']);
    expect(trendMonths('2026-02', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(trendMonths('2026-05')).toHaveLength(12);
  });

  it('is the company month of an instant', () => {
    // 05:59 UTC on 1 June is still 31 May in Denver.
    expect(monthOf(new Date('2026-06-01T05:59:59Z'), DENVER)).toBe('2026-05');
    expect(monthOf(new Date('2026-06-01T06:00:00Z'), DENVER)).toBe('2026-06');
  });

  it('gives a month as company instants, read up to now while it runs', () => {
    const now = new Date('2026-06-10T20:00:00Z');
    expect(monthWindow('2026-05', now, DENVER)).toEqual({
      month: '2026-05',
      start: new Date('2026-05-01T06:00:00Z'),
      end: new Date('2026-06-01T06:00:00Z'),
      asOf: new Date('2026-06-01T06:00:00Z'),
    });
    expect(monthWindow('2026-06', now, DENVER).asOf).toEqual(now);
    // November in Denver starts in summer time and ends in winter time.
    expect(monthWindow('2026-11', now, DENVER)).toMatchObject({
      start: new Date('2026-11-01T06:00:00Z'),
      end: new Date('2026-12-01T07:00:00Z'),
      asOf: new Date('2026-11-01T06:00:00Z'),
    });
  });
});

describe('KPI measures', () => {
  it('owes one walk per tier interval, pro rata', () => {
    expect([expectedWalks('A', 28), expectedWalks('B', 28), expectedWalks('C', 30)]).toEqual([4, 2, 1]);
  });

  it("caps each account's walks at what it owed, so one account walked twice does not cover another", () => {
    expect(
      walkCompliance([
        { done: 4, expected: 2 },
        { done: 0, expected: 2 },
      ]),
    ).toBe(0.5);
    expect(walkCompliance([])).toBeNull();
    expect(walkCompliance([{ done: 3, expected: 0 }])).toBeNull();
  });

  it('has no share without a whole: "—", never 0', () => {
    expect([kpiShare(0, 0), kpiShare(0, 4), kpiShare(3, 4)]).toEqual([null, 0, 0.75]);
  });

  it('explains every metric', () => {
    expect(Object.keys(KPI_METRIC_INFO).sort()).toEqual([...KPI_METRICS].sort());
    for (const m of KPI_METRICS) expect(KPI_METRIC_INFO[m].means.length).toBeGreaterThan(20);
  });
});
