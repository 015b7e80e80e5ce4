import { badInput } from './errors.js';

// Cursors are MikroORM's (`em.findByCursor`, server/src/platform/graphql/connection.types.ts):
// the server makes and reads them, clients pass them back untouched.

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/**
 * The page size to use: the default when `first` is absent, otherwise `first`
 * itself. Out-of-range values are refused (BAD_USER_INPUT) rather than
 * silently clamped, so a client never mistakes a short page for the end.
 */
export function clampPageSize(
  first: number | undefined | null,
  options: { default?: number; max?: number } = {},
  field = 'first',
): number {
  const max = options.max ?? MAX_PAGE_SIZE;
  const fallback = options.default ?? DEFAULT_PAGE_SIZE;
  if (first === undefined || first === null) return Math.min(fallback, max);
  if (typeof first !== 'number' || !Number.isInteger(first)) throw badInput(field, 'must be an integer');
  if (first < 1 || first > max) throw badInput(field, `must be between 1 and ${max}`);
  return first;
}
