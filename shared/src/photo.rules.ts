import { badInput } from './errors.js';
import type { IssueStatus, PhotoKind } from './enums.js';
import { requireTimeZone } from './calendar.rules.js';
import { zoneDays } from './calendar.internal.js';

/** Largest file accepted per photo: a 12–48 MP phone JPEG or HEIC is 3–15 MB. */
export const PHOTO_MAX_BYTES = 25 * 1024 * 1024;

/**
 * Largest image accepted, in pixels (width × height). A 25 MB PNG can declare
 * 30,000 × 30,000 pixels (3.6 GB decoded): refused before it is decoded.
 */
export const PHOTO_MAX_PIXELS = 100_000_000;

/** Photos one upload request may carry (a site-walk capture sends a handful). */
export const PHOTO_MAX_FILES_PER_UPLOAD = 10;

/** Formats accepted, by content: what phones shoot (HEIC on iPhones) and what browsers make. */
export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'] as const;
export type PhotoContentType = (typeof PHOTO_CONTENT_TYPES)[number];

/** Sizes served, by longest edge in pixels. `original` is full resolution, upright and without metadata. */
export const PHOTO_VARIANTS = { thumb: 320, display: 1600, original: null } as const;
export type PhotoVariant = keyof typeof PHOTO_VARIANTS;
export const PHOTO_VARIANT_NAMES = Object.keys(PHOTO_VARIANTS) as readonly PhotoVariant[];

/** A photo whose GPS lies farther than this from its property's boundary is flagged. */
export const PHOTO_FAR_FROM_PROPERTY_METERS = 100;

/** An upload no Issue or Enhancement has taken after this long is deleted with its files. */
export const PHOTO_ORPHAN_HOURS = 24;

export function isPhotoContentType(value: string): value is PhotoContentType {
  return (PHOTO_CONTENT_TYPES as readonly string[]).includes(value);
}

export function isPhotoVariant(value: string): value is PhotoVariant {
  return Object.hasOwn(PHOTO_VARIANTS, value);
}

/** Human size for messages: "25 MB". */
export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} bytes`;
}

/**
 * The kind of photos sent with a status change: the crew's proof of the fix
 * (RESOLVED, or VERIFIED by a manager) is AFTER; anything else (a reopen's
 * evidence, an update while working) documents the problem: BEFORE.
 */
export function photoKindForStatus(status: IssueStatus): PhotoKind {
  return status === 'RESOLVED' || status === 'VERIFIED' ? 'AFTER' : 'BEFORE';
}

/** Checks a list of photo ids sent with a write: no repeats. */
export function requireDistinctPhotoIds(ids: readonly string[] | null | undefined, field: string): string[] {
  const list = [...(ids ?? [])];
  if (new Set(list).size !== list.length) throw badInput(field, 'lists the same photo twice');
  return list;
}

const EXIF_DATE_TIME = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;
const EXIF_OFFSET = /^([+-])(\d{2}):(\d{2})$/;

/**
 * When a photo was taken, from EXIF `DateTimeOriginal` ("2026:12:01 10:30:00",
 * the camera's wall clock) and `OffsetTimeOriginal` ("-07:00") when the camera
 * wrote one. Without an offset the wall clock is read in the company's zone:
 * the phones are the company's, on its properties. Null for a missing or
 * impossible value (cameras write "0000:00:00 00:00:00").
 */
export function exifTakenAt(dateTime: unknown, offset: unknown, timeZone: string): Date | null {
  requireTimeZone(timeZone);
  if (typeof dateTime !== 'string') return null;
  const m = EXIF_DATE_TIME.exec(dateTime.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (
    year < 1990 ||
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return null;
  }
  const o = typeof offset === 'string' ? EXIF_OFFSET.exec(offset.trim()) : null;
  if (o) {
    const minutes = (Number(o[2]) * 60 + Number(o[3])) * (o[1] === '-' ? -1 : 1);
    return new Date(wall - minutes * 60_000);
  }
  // The zone's offset at that wall time: guess with the offset at the wall time read as UTC,
  // then correct once with the offset at the guessed instant (exact except inside a DST gap).
  const zone = zoneDays(timeZone);
  const first = wall - zone.offsetAt(wall);
  return new Date(wall - zone.offsetAt(first));
}
