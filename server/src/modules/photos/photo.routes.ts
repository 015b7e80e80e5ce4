import { pipeline } from 'node:stream/promises';
import express, { type Request, type Response } from 'express';
import busboy from 'busboy';
import type { EntityManager } from '@mikro-orm/sql';
import {
  DomainError,
  unavailable,
  PHOTO_MAX_BYTES,
  PHOTO_MAX_FILES_PER_UPLOAD,
  badInput,
  describeBytes,
  forbidden,
  isPhotoVariant,
  payloadTooLarge,
  unauthenticated,
  unsupportedMediaType,
} from '@groundwork/shared';
import type { Clock } from '../../platform/clock.js';
import { isDatabaseUnavailable } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logger.js';
import type { Viewer } from '../../platform/context.js';
import { httpStatus } from '../../platform/graphql/errors.graphql.js';
import { AccessPolicy, viewerFromRequest } from '../auth/index.js';
import { processPhoto, type ProcessedPhoto } from './photo.processing.js';
import { findOwnUploads, photoAccessFacts, photoObjectKeys, storePhotos } from './photo.service.js';
import type { PhotoStore } from './photo.store.js';
import type { HeicDecoder } from './heic.decoder.js';
import { photoUrls } from './photo.urls.js';
import type { Photo } from './photo.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Roles that capture photos: everyone who reports or works Issues (executives read). */
const UPLOAD_ROLES = ['OPS_MANAGER', 'ACCOUNT_MANAGER', 'CREW_LEAD'] as const;

export interface PhotoRoutesDeps {
  /** A fresh EntityManager fork per request. */
  fork: () => EntityManager;
  store: PhotoStore;
  clock: Clock;
  timeZone: string;
  /** Decodes HEIC uploads on worker threads. */
  heic: HeicDecoder;
  logger: Logger;
}

/**
 * `POST /photos` (multipart upload; each file part named by the client's own
 * id for the photo) and `GET /photos/:id/:variant` (thumb, display, original:
 * upright JPEGs without metadata), both authenticated like `/graphql`, the
 * reads with the permission of the Issue or Enhancement that owns the photo.
 */
export function photoRoutes(deps: PhotoRoutesDeps): express.Router {
  const router = express.Router();
  router.post('/photos', (req, res) => {
    upload(req, res, deps).catch((error) => answerError(res, error, deps.logger));
  });
  router.get('/photos/:id/:variant', (req, res) => {
    serve(req, res, deps).catch((error) => answerError(res, error, deps.logger));
  });
  return router;
}

async function viewerOf(req: Request, em: EntityManager): Promise<Viewer> {
  const { viewer, authError } = await viewerFromRequest(req, em);
  if (authError) throw authError;
  if (!viewer) throw unauthenticated();
  return viewer;
}

interface Part {
  id: string;
  bytes: Buffer;
  tooLarge: boolean;
}

async function upload(req: Request, res: Response, deps: PhotoRoutesDeps): Promise<void> {
  const em = deps.fork();
  const viewer = await viewerOf(req, em);
  new AccessPolicy({ viewer, authError: null }).requireRole(UPLOAD_ROLES, 'upload photos');
  if (!req.is('multipart/form-data')) {
    throw unsupportedMediaType('body', 'body: send the photos as multipart/form-data');
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > PHOTO_MAX_FILES_PER_UPLOAD * (PHOTO_MAX_BYTES + 64 * 1024)) {
    throw payloadTooLarge(
      'body',
      `body: at most ${PHOTO_MAX_FILES_PER_UPLOAD} photos of ${describeBytes(PHOTO_MAX_BYTES)} each`,
    );
  }
  const parts = await readParts(req);
  const existing = await findOwnUploads(
    em,
    parts.map((p) => p.id),
    viewer,
  );
  // Checked and processed one by one before anything is stored: the first refusal answers.
  const fresh: { id: string; processed: ProcessedPhoto }[] = [];
  for (const part of parts) {
    if (existing.has(part.id)) continue;
    if (part.tooLarge) throw payloadTooLarge(part.id, `${part.id}: is larger than ${describeBytes(PHOTO_MAX_BYTES)}`);
    fresh.push({
      id: part.id,
      processed: await processPhoto(part.bytes, part.id, { timeZone: deps.timeZone, heic: deps.heic }),
    });
  }
  const stored = await storePhotos(em, deps.store, fresh, viewer, deps.clock.now());
  const byId = new Map<string, Photo>([...existing, ...stored.map((p) => [p.id, p] as const)]);
  res.status(201).json({ photos: parts.map((p) => describeUpload(byId.get(p.id)!)) });
}

function describeUpload(photo: Photo) {
  return {
    id: photo.id,
    sizeBytes: photo.sizeBytes,
    width: photo.width,
    height: photo.height,
    takenAt: photo.takenAt?.toISOString() ?? null,
    location: photo.location,
    ...photoUrls(photo.id),
  };
}

/** The request's file parts, in order, each buffered up to the size limit (beyond it: drained and flagged). */
function readParts(req: Request): Promise<Part[]> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: {
          fileSize: PHOTO_MAX_BYTES,
          files: PHOTO_MAX_FILES_PER_UPLOAD,
          fields: 0,
          parts: PHOTO_MAX_FILES_PER_UPLOAD,
        },
      });
    } catch (error) {
      reject(badInput('body', `is not valid multipart/form-data (${(error as Error).message})`));
      return;
    }
    const parts: Part[] = [];
    let failure: DomainError | null = null;
    const fail = (error: DomainError) => {
      failure ??= error;
    };
    parser.on('file', (name, stream) => {
      if (!UUID.test(name))
        fail(badInput(name || 'file', 'each photo part must be named by a new UUID (its client id)'));
      else if (parts.some((p) => p.id === name)) fail(badInput(name, 'the same photo id is sent twice'));
      const chunks: Buffer[] = [];
      const part: Part = { id: name, bytes: Buffer.alloc(0), tooLarge: false };
      stream.on('data', (chunk: Buffer) => {
        if (!failure) chunks.push(chunk);
      });
      stream.on('limit', () => {
        part.tooLarge = true;
        chunks.length = 0;
      });
      stream.on('close', () => {
        part.bytes = part.tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks);
      });
      parts.push(part);
    });
    parser.on('field', (name) => fail(badInput(name || 'body', 'only photo files are accepted here')));
    parser.on('filesLimit', () =>
      fail(badInput('body', `at most ${PHOTO_MAX_FILES_PER_UPLOAD} photos per upload: send the rest in another`)),
    );
    parser.on('fieldsLimit', () => fail(badInput('body', 'only photo files are accepted here')));
    parser.on('partsLimit', () =>
      fail(badInput('body', `at most ${PHOTO_MAX_FILES_PER_UPLOAD} photos per upload: send the rest in another`)),
    );
    parser.on('error', (error: Error) =>
      reject(badInput('body', `is not valid multipart/form-data (${error.message})`)),
    );
    parser.on('close', () => {
      if (failure) reject(failure);
      else if (parts.length === 0) reject(badInput('body', 'no photo in the upload'));
      else resolve(parts);
    });
    req.on('aborted', () => reject(badInput('body', 'the upload was interrupted')));
    req.pipe(parser);
  });
}

async function serve(req: Request, res: Response, deps: PhotoRoutesDeps): Promise<void> {
  const id = String(req.params.id);
  const variant = String(req.params.variant);
  const em = deps.fork();
  const viewer = await viewerOf(req, em);
  if (!UUID.test(id) || !isPhotoVariant(variant)) throw new DomainError('NOT_FOUND', 'No such photo');
  const facts = await photoAccessFacts(em, id);
  if (!facts) throw new DomainError('NOT_FOUND', 'No such photo');
  const policy = new AccessPolicy({ viewer, authError: null });
  const allowed = facts.owner
    ? policy.canRead(facts.owner, { crewId: facts.crewId, accountManagerId: facts.accountManagerId ?? '' })
    : facts.photo.uploadedBy?.id === viewer.id;
  if (!allowed) throw forbidden('You cannot see this photo');

  // A photo's files never change: its id and size name the bytes for good.
  const etag = `"${id}-${variant}"`;
  res.setHeader('ETag', etag);
  // Private: the answer depends on who asks. Immutable: no revalidation while cached.
  res.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'");
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  if (req.headers['if-none-match'] === etag) {
    res.status(304).end();
    return;
  }
  const object = await deps.store.get(photoObjectKeys(facts.photo.fileKey)[variant]);
  if (!object) {
    deps.logger.error({ photo: id, variant }, 'photo file missing from the store');
    throw new DomainError('NOT_FOUND', 'The file of this photo is missing');
  }
  res.status(200);
  res.setHeader('Content-Type', 'image/jpeg');
  if (object.sizeBytes) res.setHeader('Content-Length', String(object.sizeBytes));
  if (variant === 'original') res.setHeader('Content-Disposition', `inline; filename="photo-${id}.jpg"`);
  await pipeline(object.body, res);
}

/** Domain errors as `{ error: { code, field, message } }` with their status (the database unreachable: 503 UNAVAILABLE); anything else is ours: 500. */
function answerError(res: Response, error: unknown, logger: Logger): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // A refused upload may not have been read to the end: close rather than read megabytes more.
  res.setHeader('Connection', 'close');
  if (isDatabaseUnavailable(error)) error = unavailable();
  if (error instanceof DomainError) {
    res.status(httpStatus(error.code)).json({
      error: { code: error.code, field: error.details.field ?? null, message: error.message },
    });
    return;
  }
  logger.error({ err: error }, 'photo request failed');
  res
    .status(500)
    .json({ error: { code: 'INTERNAL_SERVER_ERROR', field: null, message: 'The photo could not be handled' } });
}
