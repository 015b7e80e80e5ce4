import sharp, { type Metadata, type Sharp } from 'sharp';
import exifr from 'exifr';
import { fileTypeFromBuffer } from 'file-type';
import {
  PHOTO_MAX_BYTES,
  PHOTO_MAX_PIXELS,
  PHOTO_VARIANTS,
  badInput,
  describeBytes,
  exifTakenAt,
  isPhotoContentType,
  payloadTooLarge,
  unsupportedMediaType,
  type LngLat,
  type PhotoContentType,
  type PhotoVariant,
} from '@groundwork/shared';
import type { HeicDecoder } from './heic.decoder.js';

/** What an upload becomes: its facts and the files served (upright JPEGs without metadata). */
export interface ProcessedPhoto {
  contentType: PhotoContentType;
  /** The bytes as uploaded: kept as evidence, never served (they carry the phone's metadata). */
  source: Buffer;
  sizeBytes: number;
  width: number;
  height: number;
  takenAt: Date | null;
  location: LngLat | null;
  variants: Record<PhotoVariant, Buffer>;
}

const FORMAT_NAMES = 'a JPEG, PNG, WebP or HEIC photo';

// One image at a time per upload is decoded by libvips on its own threads; no cache of
// decoded images (every upload is new) keeps memory at the size of what is in hand.
sharp.cache(false);

export interface ProcessOptions {
  /** The company's zone, for an EXIF taken-at written without an offset. */
  timeZone: string;
  /** Where HEIC is decoded (off the event loop); null where no HEIC can come (a HEIC then fails as a server error). */
  heic: HeicDecoder | null;
}

/**
 * Checks an uploaded file by its content and makes the served sizes. Every
 * refusal is a coded error naming `field` (the upload's client id): empty,
 * over 25 MB, not an accepted image type whatever its name, over the pixel
 * limit (read from the header, before decoding), truncated or corrupt.
 */
export async function processPhoto(bytes: Buffer, field: string, options: ProcessOptions): Promise<ProcessedPhoto> {
  if (bytes.length === 0) throw badInput(field, 'is empty: choose a photo');
  if (bytes.length > PHOTO_MAX_BYTES) {
    throw payloadTooLarge(field, `${field}: is larger than ${describeBytes(PHOTO_MAX_BYTES)}`);
  }
  const type = await fileTypeFromBuffer(bytes);
  if (!type || !isPhotoContentType(type.mime)) {
    const what = type ? `its content is ${type.ext.toUpperCase()}` : 'its content is not an image';
    throw unsupportedMediaType(field, `${field}: is not ${FORMAT_NAMES} (${what})`);
  }
  const image =
    type.mime === 'image/heic' || type.mime === 'image/heif' ? await decodeHeic(bytes, field, options.heic) : bytes;
  const upright = await open(image, field);
  const variants = {} as Record<PhotoVariant, Buffer>;
  let width = 0;
  let height = 0;
  try {
    for (const [variant, edge] of Object.entries(PHOTO_VARIANTS) as [PhotoVariant, number | null][]) {
      const pipeline = upright();
      if (edge) pipeline.resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true });
      // sharp writes no metadata unless asked: EXIF (GPS, phone model), XMP and ICC are all dropped.
      const { data, info } = await pipeline
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: edge === PHOTO_VARIANTS.thumb ? 75 : 85, mozjpeg: false })
        .toBuffer({ resolveWithObject: true });
      variants[variant] = data;
      if (variant === 'original') {
        width = info.width;
        height = info.height;
      }
    }
  } catch (error) {
    throw unreadable(field, error);
  }
  const exif = await readExif(bytes, options.timeZone);
  return { contentType: type.mime, source: bytes, sizeBytes: bytes.length, width, height, ...exif, variants };
}

/**
 * Pipelines from the image, refused over the pixel limit (from the header) and turned upright:
 * a new one per size, not `clone()`, which copies the input on the event loop (sharp's clone
 * structuredClones its options, the input buffer with them: 3 × 48 MB for a decoded 12-MP HEIC).
 */
async function open(image: Buffer | RawImage, field: string): Promise<() => Sharp> {
  if (!Buffer.isBuffer(image)) {
    return () => sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } });
  }
  let meta: Metadata;
  try {
    // Header only, no pixel limit here: the limit is checked below with a message that says so.
    meta = await sharp(image, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw unreadable(field, error);
  }
  assertPixels(meta.width ?? 0, meta.height ?? 0, field);
  // failOn 'warning': a truncated JPEG is refused rather than stored half grey.
  return () => sharp(image, { limitInputPixels: PHOTO_MAX_PIXELS, failOn: 'warning' }).rotate();
}

function assertPixels(width: number, height: number, field: string): void {
  if (width * height > PHOTO_MAX_PIXELS) throw tooManyPixels(width, height, field);
}

function tooManyPixels(width: number, height: number, field: string) {
  return badInput(
    field,
    `is ${width} × ${height} pixels; the most accepted is ${PHOTO_MAX_PIXELS / 1_000_000} megapixels`,
  );
}

interface RawImage {
  width: number;
  height: number;
  data: Buffer;
}

/**
 * HEIC/HEIF (what iPhones shoot): sharp's prebuilt libvips has no HEVC decoder,
 * so libheif (heic-decode, WebAssembly) decodes it, on a worker thread: it
 * runs synchronously for seconds. The pixel limit is checked from the header
 * first. libheif applies the file's own rotation and mirroring, so the pixels
 * come out upright.
 */
async function decodeHeic(bytes: Buffer, field: string, decoder: HeicDecoder | null): Promise<RawImage> {
  if (!decoder) throw new Error('processPhoto: a HEIC upload needs a HeicDecoder');
  const answer = await decoder.decode(bytes, PHOTO_MAX_PIXELS);
  switch (answer.kind) {
    case 'unreadable':
      throw unreadable(field, answer.reason);
    case 'empty':
      throw badInput(field, 'is a HEIC file without an image');
    case 'tooLarge':
      throw tooManyPixels(answer.width, answer.height, field);
    case 'image': {
      const { width, height, data } = answer;
      return { width, height, data: Buffer.from(data.buffer, data.byteOffset, data.byteLength) };
    }
  }
}

function unreadable(field: string, error: unknown) {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return badInput(field, `could not be read as an image: it is truncated or corrupt (${reason})`);
}

/** Taken-at and GPS from EXIF, when the camera wrote them; a damaged EXIF block is ignored. */
async function readExif(bytes: Buffer, timeZone: string): Promise<{ takenAt: Date | null; location: LngLat | null }> {
  let takenAt: Date | null = null;
  let location: LngLat | null = null;
  try {
    const tags = (await exifr.parse(bytes, {
      pick: ['DateTimeOriginal', 'OffsetTimeOriginal', 'CreateDate', 'OffsetTime'],
      reviveValues: false,
    })) as Record<string, unknown> | undefined;
    if (tags) {
      takenAt =
        exifTakenAt(tags.DateTimeOriginal, tags.OffsetTimeOriginal, timeZone) ??
        exifTakenAt(tags.CreateDate, tags.OffsetTime, timeZone);
    }
  } catch {
    takenAt = null;
  }
  try {
    const gps = (await exifr.gps(bytes)) as { latitude?: number; longitude?: number } | undefined;
    const lat = gps?.latitude;
    const lng = gps?.longitude;
    if (
      typeof lat === 'number' &&
      typeof lng === 'number' &&
      Number.isFinite(lat) &&
      Number.isFinite(lng) &&
      Math.abs(lat) <= 90 &&
      Math.abs(lng) <= 180 &&
      // 0,0 is what a phone without a fix writes, not a spot in the Gulf of Guinea.
      !(lat === 0 && lng === 0)
    ) {
      location = { lng, lat };
    }
  } catch {
    location = null;
  }
  return { takenAt, location };
}
