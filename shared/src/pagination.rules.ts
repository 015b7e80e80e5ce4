import { badInput } from './errors.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
/** Cursors are short keyset tuples; anything longer is garbage and is refused before parsing. */
export const CURSOR_MAX_LENGTH = 2048;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const BASE64URL = /^[A-Za-z0-9_-]*$/;

// Hand-rolled base64url over UTF-8 so the same code runs in Node and the
// browser (no Buffer, and Uint8Array.toBase64 is not everywhere yet).
function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const has1 = i + 1 < bytes.length;
    const has2 = i + 2 < bytes.length;
    const b0 = bytes[i] as number;
    const b1 = has1 ? (bytes[i + 1] as number) : 0;
    const b2 = has2 ? (bytes[i + 2] as number) : 0;
    out += ALPHABET[b0 >> 2];
    out += ALPHABET[((b0 & 0x03) << 4) | (b1 >> 4)];
    if (has1) out += ALPHABET[((b1 & 0x0f) << 2) | (b2 >> 6)];
    if (has2) out += ALPHABET[b2 & 0x3f];
  }
  return out;
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return null;
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of text) {
    buffer = (buffer << 6) | ALPHABET.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[index++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes;
}

/**
 * An opaque cursor for keyset pagination: the sort-key values of the last row,
 * as base64url JSON. Opaque so clients do not build their own; values must be
 * JSON-serialisable (pass dates as ISO strings).
 */
export function encodeCursor(values: unknown[]): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify(values)));
}

/** The values inside a cursor, or BAD_USER_INPUT ("after: is not a valid cursor") for anything that is not one. */
export function decodeCursor(cursor: string, field = 'after'): unknown[] {
  const invalid = () => badInput(field, 'is not a valid cursor');
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > CURSOR_MAX_LENGTH) throw invalid();
  const bytes = fromBase64Url(cursor);
  if (bytes === null) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed)) throw invalid();
  return parsed;
}

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
