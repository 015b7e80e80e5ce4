import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DomainError } from './errors.js';
import {
  formatUsd,
  plural,
  DESCRIPTION_MAX,
  MONEY_MAX,
  NAME_MAX,
  NOTE_MAX,
  TITLE_MAX,
  descriptionSchema,
  moneySchema,
  parseField,
  isId,
  requireInt,
  requireMoney,
  requireOneOf,
  requireText,
  titleSchema,
} from './text.rules.js';

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('limits', () => {
  it('match the contract', () => {
    expect([TITLE_MAX, DESCRIPTION_MAX, NOTE_MAX, NAME_MAX, MONEY_MAX]).toEqual([140, 4000, 4000, 200, 2147483647]);
  });
});

describe('requireText', () => {
  it('trims', () => {
    expect(requireText('  Broken rotor head  ', 'title', { max: TITLE_MAX })).toBe('Broken rotor head');
  });

  it('refuses blank text, naming the field', () => {
    const error = thrown(() => requireText(' \n\t ', 'title', { max: TITLE_MAX }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe('title: must not be empty');
    expect(error.details).toEqual({ field: 'title' });
  });

  it('refuses missing and non-string values', () => {
    expect(thrown(() => requireText(undefined, 'title', { max: TITLE_MAX })).message).toBe('title: is required');
    expect(thrown(() => requireText(null, 'title', { max: TITLE_MAX })).message).toBe('title: is required');
    expect(thrown(() => requireText(42, 'title', { max: TITLE_MAX })).message).toBe('title: must be a string');
  });

  it('allows exactly the maximum and refuses one more', () => {
    expect(requireText('x'.repeat(140), 'title', { max: TITLE_MAX })).toHaveLength(140);
    expect(thrown(() => requireText('x'.repeat(141), 'title', { max: TITLE_MAX })).message).toBe(
      'title: must be at most 140 characters',
    );
  });

  it('measures length after trimming', () => {
    expect(requireText(`   ${'x'.repeat(140)}   `, 'title', { max: TITLE_MAX })).toHaveLength(140);
  });

  it('counts an emoji as one character, as PostgreSQL does', () => {
    const tree = '🌳'; // two UTF-16 code units, one code point
    expect(requireText(tree.repeat(140), 'title', { max: TITLE_MAX })).toBe(tree.repeat(140));
    expect(thrown(() => requireText(tree.repeat(141), 'title', { max: TITLE_MAX })).message).toBe(
      'title: must be at most 140 characters',
    );
  });

  it('refuses NUL characters, which PostgreSQL cannot store', () => {
    expect(thrown(() => requireText('a\u0000b', 'note', { max: NOTE_MAX })).message).toBe(
      'note: must not contain NUL characters',
    );
  });

  it('defaults max to NAME_MAX (200)', () => {
    expect(requireText('n'.repeat(200), 'name')).toHaveLength(200);
    expect(thrown(() => requireText('n'.repeat(201), 'name')).message).toBe('name: must be at most 200 characters');
  });

  describe('optional', () => {
    it('turns missing or blank into undefined', () => {
      for (const value of [undefined, null, '', '   ']) {
        expect(requireText(value, 'description', { max: DESCRIPTION_MAX, optional: true })).toBeUndefined();
      }
    });

    it('still trims and checks present text', () => {
      expect(requireText('  wet spot by gate  ', 'description', { max: DESCRIPTION_MAX, optional: true })).toBe(
        'wet spot by gate',
      );
      expect(
        thrown(() => requireText('d'.repeat(4001), 'description', { max: DESCRIPTION_MAX, optional: true })).message,
      ).toBe('description: must be at most 4000 characters');
      expect(thrown(() => requireText(7, 'description', { max: DESCRIPTION_MAX, optional: true })).message).toBe(
        'description: must be a string',
      );
    });
  });
});

describe('requireInt', () => {
  it('accepts integers within bounds, inclusive', () => {
    expect(requireInt(1, 'pulse', { min: 1, max: 5 })).toBe(1);
    expect(requireInt(5, 'pulse', { min: 1, max: 5 })).toBe(5);
    expect(requireInt(-3, 'offset')).toBe(-3);
  });

  it.each([
    [0, 'pulse: must be at least 1'],
    [6, 'pulse: must be at most 5'],
    [2.5, 'pulse: must be an integer'],
    ['3', 'pulse: must be an integer'],
    [Number.NaN, 'pulse: must be an integer'],
    [Number.POSITIVE_INFINITY, 'pulse: must be an integer'],
    [undefined, 'pulse: is required'],
  ])('refuses %j', (value, message) => {
    const error = thrown(() => requireInt(value, 'pulse', { min: 1, max: 5 }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe(message);
  });
});

describe('requireMoney', () => {
  it('accepts whole non-negative amounts up to 2^31 − 1', () => {
    expect(requireMoney(0, 'estimatedValue')).toBe(0);
    expect(requireMoney(18500, 'estimatedValue')).toBe(18500);
    expect(requireMoney(2147483647, 'estimatedValue')).toBe(2147483647);
  });

  it.each([
    [2147483648, 'estimatedValue: must be at most 2147483647'],
    [-1, 'estimatedValue: must not be negative'],
    [10.5, 'estimatedValue: must be a whole number of currency units'],
    ['100', 'estimatedValue: must be a whole number of currency units'],
    [null, 'estimatedValue: is required'],
  ])('refuses %j', (value, message) => {
    expect(thrown(() => requireMoney(value, 'estimatedValue')).message).toBe(message);
  });
});

describe('requireOneOf', () => {
  const urgencies = ['ROUTINE', 'URGENT'] as const;
  it('accepts a member', () => {
    expect(requireOneOf(urgencies, 'URGENT', 'urgency')).toBe('URGENT');
  });

  it('lists the choices otherwise', () => {
    expect(thrown(() => requireOneOf(urgencies, 'urgent', 'urgency')).message).toBe(
      'urgency: must be one of ROUTINE, URGENT',
    );
    expect(thrown(() => requireOneOf(urgencies, undefined, 'urgency')).message).toBe('urgency: is required');
  });
});

describe('isId', () => {
  it('accepts UUIDs in either case and nothing else', () => {
    expect(isId('0b3f6a5e-8d4c-4c1e-9a57-2f7d8e1c4b90')).toBe(true);
    expect(isId('F1E2D3C4-B5A6-4978-8695-A4B3C2D1E0F9')).toBe(true);
    for (const bad of [
      'crew-1',
      '',
      ' 0b3f6a5e-8d4c-4c1e-9a57-2f7d8e1c4b90',
      '0b3f6a5e8d4c4c1e9a572f7d8e1c4b90',
      7,
      null,
    ]) {
      expect(isId(bad)).toBe(false);
    }
  });
});

describe('schemas and parseField', () => {
  it('exposes field-less messages for forms', () => {
    const result = titleSchema.safeParse('   ');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('must not be empty');
    expect(descriptionSchema.parse('  ')).toBeUndefined();
    expect(moneySchema.safeParse(-5).error?.issues[0]?.message).toBe('must not be negative');
  });

  it('names the nested path of the first problem', () => {
    const schema = z.object({ location: z.object({ lng: z.number({ error: 'must be a number' }) }) });
    const error = thrown(() => parseField(schema, { location: { lng: 'x' } }, 'input'));
    expect(error.message).toBe('input.location.lng: must be a number');
    expect(error.details.field).toBe('input.location.lng');
  });

  it('returns parsed data', () => {
    expect(parseField(titleSchema, ' Leak ', 'title')).toBe('Leak');
  });
});

describe('formatUsd and plural', () => {
  it('formats whole dollars with grouping', () => {
    expect(formatUsd(32_000)).toBe('$32,000');
    expect(formatUsd(0)).toBe('$0');
  });

  it('uses the singular only for exactly one', () => {
    expect(plural(1, 'property', 'properties')).toBe('1 property');
    expect(plural(0, 'property', 'properties')).toBe('0 properties');
    expect(plural(2, 'Issue')).toBe('2 Issues');
  });
});
