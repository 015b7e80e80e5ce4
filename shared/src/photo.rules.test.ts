import { describe, expect, it } from 'vitest';
import {
  describeBytes,
  exifTakenAt,
  isPhotoContentType,
  isPhotoVariant,
  photoKindForStatus,
  requireDistinctPhotoIds,
} from './photo.rules.js';

describe('exifTakenAt', () => {
  it('reads the wall clock in the company zone when the camera wrote no offset', () => {
    // 10:30 in Denver on 1 Dec (MST, UTC−7) is 17:30 UTC.
    expect(exifTakenAt('2026:12:01 10:30:00', undefined, 'America/Denver')?.toISOString()).toBe(
      '2026-12-01T17:30:00.000Z',
    );
    // In July Denver is on MDT (UTC−6).
    expect(exifTakenAt('2026:07:01 10:30:00', null, 'America/Denver')?.toISOString()).toBe('2026-07-01T16:30:00.000Z');
  });

  it('uses the offset the camera wrote', () => {
    expect(exifTakenAt('2026:12:01 10:30:00', '+09:00', 'America/Denver')?.toISOString()).toBe(
      '2026-12-01T01:30:00.000Z',
    );
    expect(exifTakenAt('2026:12:01 10:30:00', '-05:30', 'America/Denver')?.toISOString()).toBe(
      '2026-12-01T16:00:00.000Z',
    );
  });

  it('reads the evening after a DST switch with the new offset', () => {
    // 8 Mar 2026 is spring-forward in Denver: 20:00 that evening is MDT (UTC−6).
    expect(exifTakenAt('2026:03:08 20:00:00', undefined, 'America/Denver')?.toISOString()).toBe(
      '2026-03-09T02:00:00.000Z',
    );
  });

  it('refuses missing and impossible values', () => {
    expect(exifTakenAt(undefined, undefined, 'America/Denver')).toBeNull();
    expect(exifTakenAt('0000:00:00 00:00:00', undefined, 'America/Denver')).toBeNull();
    expect(exifTakenAt('2026:02:30 10:00:00', undefined, 'America/Denver')).toBeNull();
    expect(exifTakenAt('2026:12:01 24:00:00', undefined, 'America/Denver')).toBeNull();
    expect(exifTakenAt('yesterday', undefined, 'America/Denver')).toBeNull();
  });
});

describe('photo rules', () => {
  it('gives the kind of photos sent with a status change', () => {
    expect(photoKindForStatus('RESOLVED')).toBe('AFTER');
    expect(photoKindForStatus('VERIFIED')).toBe('AFTER');
    expect(photoKindForStatus('OPEN')).toBe('BEFORE');
    expect(photoKindForStatus('IN_PROGRESS')).toBe('BEFORE');
  });

  it('knows the accepted types and variants', () => {
    expect(isPhotoContentType('image/heic')).toBe(true);
    expect(isPhotoContentType('application/pdf')).toBe(false);
    expect(isPhotoVariant('thumb')).toBe(true);
    expect(isPhotoVariant('toString')).toBe(false);
  });

  it('describes sizes and refuses repeated ids', () => {
    expect(describeBytes(25 * 1024 * 1024)).toBe('25 MB');
    expect(describeBytes(30 * 1024 * 1024 + 1)).toBe('30 MB');
    expect(describeBytes(2048)).toBe('2 kB');
    expect(describeBytes(0)).toBe('0 bytes');
    expect(requireDistinctPhotoIds(['a', 'b'], 'input.photoIds')).toEqual(['a', 'b']);
    expect(requireDistinctPhotoIds(null, 'input.photoIds')).toEqual([]);
    expect(() => requireDistinctPhotoIds(['a', 'a'], 'input.photoIds')).toThrow('lists the same photo twice');
  });
});
