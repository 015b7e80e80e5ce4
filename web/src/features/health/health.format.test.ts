import { describe, expect, it } from 'vitest';
import { formatPoints, formatShortDate, formatTrend, healthWeightedValue, trendTone } from './health.format';

describe('formatTrend', () => {
  it('signs gains and drops and tells "no history" apart from "no change"', () => {
    expect(formatTrend(6)).toBe('+6');
    expect(formatTrend(-12)).toBe('−12');
    expect(formatTrend(0)).toBe('±0');
    expect(formatTrend(null)).toBe('—');
  });
});

describe('trendTone', () => {
  it('turns red at the −10 that makes a renewal HIGH risk', () => {
    expect(trendTone(-10)).toBe('red');
    expect(trendTone(-9)).toBe('orange');
    expect(trendTone(3)).toBe('green');
    expect(trendTone(0)).toBe('dimmed');
    expect(trendTone(null)).toBe('dimmed');
  });
});

describe('formatPoints', () => {
  it('shows whole points without decimals and halves with one', () => {
    expect(formatPoints(12)).toBe('12');
    expect(formatPoints(7.5)).toBe('7.5');
    expect(formatPoints(3.333333)).toBe('3.3');
    expect(formatPoints(0.04)).toBe('0');
  });
});

describe('healthWeightedValue', () => {
  it('weights the annual value by the score and counts an unscored account as nothing', () => {
    expect(healthWeightedValue(200_000, 80)).toBe(160_000);
    expect(healthWeightedValue(200_000, 0)).toBe(0);
    expect(healthWeightedValue(200_000, null)).toBe(0);
  });
});

describe('formatShortDate', () => {
  it('formats the calendar day whatever the viewer’s zone', () => {
    expect(formatShortDate('2026-11-03')).toBe('Nov 3');
    expect(formatShortDate('2026-01-01')).toBe('Jan 1');
  });
});
