import { describe, expect, it } from 'vitest';
import { fromUtcDay, toUtcDay, toZonedDay } from './calendar.internal.js';

describe('toUtcDay / fromUtcDay', () => {
  it('pins a calendar date to UTC midnight and back', () => {
    const day = toUtcDay('2025-03-09');
    expect(day.getTime()).toBe(Date.UTC(2025, 2, 9));
    expect(fromUtcDay(day)).toBe('2025-03-09');
  });
});

describe('toZonedDay', () => {
  it('is local midnight in the given zone', () => {
    // Chicago in January is CST, UTC−6.
    expect(toZonedDay('2025-01-14', 'America/Chicago').getTime()).toBe(Date.UTC(2025, 0, 14, 6));
  });
});
