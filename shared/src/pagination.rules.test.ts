import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import { CURSOR_MAX_LENGTH, clampPageSize, decodeCursor, encodeCursor } from './pagination.rules.js';

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('encodeCursor', () => {
  // Expected strings are base64url (no padding) of the UTF-8 JSON, worked out independently.
  it('encodes JSON as unpadded base64url', () => {
    expect(encodeCursor([1])).toBe('WzFd'); // "[1]"
    expect(encodeCursor([])).toBe('W10'); // "[]" → "W10=" without padding
    expect(encodeCursor(['é'])).toBe('WyLDqSJd'); // UTF-8 C3 A9
    expect(encodeCursor(['2025-06-10T04:00:00.000Z', 'iss_9'])).toBe(
      'WyIyMDI1LTA2LTEwVDA0OjAwOjAwLjAwMFoiLCJpc3NfOSJd',
    );
  });

  it('uses the URL-safe alphabet', () => {
    // Standard base64 of '[">?"]' is "WyI+PyJd".
    expect(encodeCursor(['>?'])).toBe('WyI-PyJd');
  });
});

describe('decodeCursor', () => {
  it('decodes what was encoded', () => {
    expect(decodeCursor('WzFd')).toEqual([1]);
    expect(decodeCursor('WyI-PyJd')).toEqual(['>?']);
  });

  it('round-trips keyset values, including unicode and nulls', () => {
    const values = ['2025-06-10T04:00:00.000Z', 'iss_9', null, 42.5, { nested: ['🌳'] }, true];
    expect(decodeCursor(encodeCursor(values))).toEqual(values);
  });

  it.each([
    ['', 'empty'],
    ['!!!!', 'not base64url'],
    ['WzFd=', 'padded'],
    ['W', 'impossible length'],
    ['bm90IGpzb24', 'valid base64 of "not json"'],
    ['e30', 'JSON but not an array ({})'],
    ['__4', 'bytes FF FE, not UTF-8'],
    ['A'.repeat(CURSOR_MAX_LENGTH + 4), 'too long'],
  ])('refuses %s (%s)', (cursor) => {
    const error = thrown(() => decodeCursor(cursor));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe('after: is not a valid cursor');
    expect(error.details.field).toBe('after');
  });

  it('refuses a non-string', () => {
    expect(thrown(() => decodeCursor(42 as unknown as string)).message).toBe('after: is not a valid cursor');
  });

  it('names a custom field', () => {
    expect(thrown(() => decodeCursor('***', 'since')).message).toBe('since: is not a valid cursor');
  });
});

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
