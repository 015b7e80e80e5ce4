import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import { clampPageSize } from './pagination.rules.js';

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('clampPageSize', () => {
  it('uses the default when absent', () => {
    expect(clampPageSize(undefined)).toBe(50);
    expect(clampPageSize(null)).toBe(50);
  });

  it('accepts 1 through the maximum', () => {
    expect(clampPageSize(1)).toBe(1);
    expect(clampPageSize(200)).toBe(200);
  });

  it.each([
    [0, 'first: must be between 1 and 200'],
    [-5, 'first: must be between 1 and 200'],
    [201, 'first: must be between 1 and 200'],
    [2.5, 'first: must be an integer'],
    [Number.NaN, 'first: must be an integer'],
  ])('refuses %s', (first, message) => {
    const error = thrown(() => clampPageSize(first));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe(message);
  });

  it('honours custom limits and field', () => {
    expect(clampPageSize(undefined, { default: 20, max: 100 })).toBe(20);
    expect(clampPageSize(100, { default: 20, max: 100 })).toBe(100);
    expect(thrown(() => clampPageSize(101, { default: 20, max: 100 }, 'last')).message).toBe(
      'last: must be between 1 and 100',
    );
  });

  it('never returns a default above the maximum', () => {
    expect(clampPageSize(undefined, { max: 10 })).toBe(10);
  });
});
