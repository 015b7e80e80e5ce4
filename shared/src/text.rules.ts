import { z } from 'zod';
import { badInput } from './errors.js';

export const TITLE_MAX = 140;
export const DESCRIPTION_MAX = 4000;
export const NOTE_MAX = 4000;
export const NAME_MAX = 200;
/** Largest single money value: money is whole currency units in a GraphQL Int (signed 32-bit). */
export const MONEY_MAX = 2_147_483_647;

export type TextOptions = { max?: number; optional?: boolean };
export type IntOptions = { min?: number; max?: number };

const missingOr = (otherwise: string) => (issue: { input?: unknown }) =>
  issue.input === undefined || issue.input === null ? 'is required' : otherwise;

// Lengths are counted in code points, as PostgreSQL counts varchar length,
// so an emoji counts once here and in the column.
function codePointLength(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

function blankToUndefined(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  return value;
}

/**
 * A zod schema for user text: trimmed, non-empty, at most `max` characters,
 * no NUL (PostgreSQL text cannot store it). With `optional`, null, undefined
 * and blank become `undefined`. Messages carry no field name so forms can
 * show them beside the input; {@link parseField} adds the name for the API.
 */
export function textSchema(options: TextOptions & { optional: true }): z.ZodType<string | undefined>;
export function textSchema(options?: TextOptions & { optional?: false }): z.ZodType<string>;
export function textSchema(options: TextOptions): z.ZodType<string | undefined>;
export function textSchema(options: TextOptions = {}): z.ZodType<string | undefined> {
  const max = options.max ?? NAME_MAX;
  const required = z
    .string({ error: missingOr('must be a string') })
    .trim()
    .min(1, { error: 'must not be empty' })
    .refine((s) => codePointLength(s) <= max, { error: `must be at most ${max} characters` })
    .refine((s) => !s.includes('\u0000'), { error: 'must not contain NUL characters' });
  return options.optional ? z.preprocess(blankToUndefined, required.optional()) : required;
}

/** A zod schema for an integer within optional bounds (rejects fractions, NaN, ±Infinity, unsafe integers). */
export function intSchema(options: IntOptions = {}): z.ZodType<number> {
  let schema = z.int({ error: missingOr('must be an integer') });
  if (options.min !== undefined) schema = schema.min(options.min, { error: `must be at least ${options.min}` });
  if (options.max !== undefined) schema = schema.max(options.max, { error: `must be at most ${options.max}` });
  return schema;
}

/** A zod schema for one money amount: whole, non-negative currency units that fit a GraphQL Int. */
export const moneySchema: z.ZodType<number> = z
  .int({ error: missingOr('must be a whole number of currency units') })
  .min(0, { error: 'must not be negative' })
  .max(MONEY_MAX, { error: `must be at most ${MONEY_MAX}` });

export const titleSchema = textSchema({ max: TITLE_MAX });
export const descriptionSchema = textSchema({ max: DESCRIPTION_MAX, optional: true });
export const noteSchema = textSchema({ max: NOTE_MAX, optional: true });

/**
 * Parses with a zod schema and turns the first problem into BAD_USER_INPUT
 * naming the field (with the nested path, e.g. "location.lng"), so every
 * validation failure reaches the client in the same shape.
 */
export function parseField<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue && issue.path.length > 0 ? `${field}.${issue.path.map(String).join('.')}` : field;
  throw badInput(path, issue?.message ?? 'is invalid');
}

/**
 * Trimmed text or BAD_USER_INPUT naming the field ("title: must not be empty",
 * "title: must be at most 140 characters"). With `optional`, missing or blank
 * input returns `undefined`. `max` defaults to {@link NAME_MAX}.
 */
export function requireText(
  value: unknown,
  field: string,
  options: TextOptions & { optional: true },
): string | undefined;
export function requireText(value: unknown, field: string, options?: TextOptions & { optional?: false }): string;
export function requireText(value: unknown, field: string, options: TextOptions): string | undefined;
export function requireText(value: unknown, field: string, options: TextOptions = {}): string | undefined {
  return parseField(textSchema(options), value, field);
}

/** An integer within optional bounds, or BAD_USER_INPUT naming the field. */
export function requireInt(value: unknown, field: string, options: IntOptions = {}): number {
  return parseField(intSchema(options), value, field);
}

/** A whole, non-negative money amount ≤ 2^31−1, or BAD_USER_INPUT naming the field. */
export function requireMoney(value: unknown, field: string): number {
  return parseField(moneySchema, value, field);
}

/** A member of `values`, or BAD_USER_INPUT naming the field and listing the choices. */
export function requireOneOf<const T extends string>(values: readonly T[], value: unknown, field: string): T {
  if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
  throw badInput(field, value === undefined || value === null ? 'is required' : `must be one of ${values.join(', ')}`);
}

/** Every id the API hands out is a UUID. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is an id as the API hands them out (a UUID, any case). */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

// Money in Groundwork is whole currency units in USD (DESIGN §5): fixed formatting, as on the web.
const wholeUsd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

/** "$32,000": whole dollars with grouping, for sentences the server writes. */
export function formatUsd(value: number): string {
  return wholeUsd.format(value);
}

/** "1 property", "2 properties": the count and its noun, singular only for exactly 1. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
