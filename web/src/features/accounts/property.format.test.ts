// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { describeVisits, formatArea, weekdayName } from './property.format';

describe('describeVisits', () => {
  it('reads ISO weekdays (1 = Monday) with the cadence', () => {
    expect(weekdayName(1)).toBe('Monday');
    expect(weekdayName(7)).toBe('Sunday');
    expect(describeVisits(2, 'WEEKLY')).toBe('Every Tuesday');
    expect(describeVisits(2, 'BIWEEKLY')).toBe('Every other Tuesday');
    expect(describeVisits(5, 'MONTHLY')).toBe('Monthly on a Friday');
  });
});

describe('formatArea', () => {
  it('uses acres for grounds and square feet for small sites', () => {
    expect(formatArea(40_468.564224)).toBe('10.0 ac');
    expect(formatArea(500)).toBe('5,382 sq ft');
  });
});
