// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { formatMoney, formatMoneyCompact } from './money.format';

describe('formatMoney', () => {
  it('formats whole dollars with separators and no cents', () => {
    expect(formatMoney(1_250_000)).toBe('$1,250,000');
    expect(formatMoney(0)).toBe('$0');
  });

  it('shows a dash when there is no value', () => {
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney(undefined)).toBe('—');
  });
});

describe('formatMoneyCompact', () => {
  it('abbreviates large values', () => {
    expect(formatMoneyCompact(1_250_000)).toBe('$1.3M');
    expect(formatMoneyCompact(48_000)).toBe('$48K');
  });
});
