import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import {
  PHOTO_FAR_FROM_PROPERTY_METERS,
  PHOTO_ORPHAN_HOURS,
  PHOTO_VARIANT_NAMES,
  badInput,
  requireDistinctPhotoIds,
  type PhotoKind,
  type PhotoVariant,
} from '@groundwork/shared';
import type { Viewer } from '../../platform/context.js';
import type { Logger } from '../../platform/logger.js';
import { Photo } from './photo.entity.js';
import type { ProcessedPhoto } from './photo.processing.js';
import type { PhotoStore } from './photo.store.js';

/** The objects of a photo in the store: the bytes as uploaded (never served) and each served size. */
export function photoObjectKeys(fileKey: string): { source: string } & Record<PhotoVariant, string> {
  const variants = Object.fromEntries(PHOTO_VARIANT_NAMES.map((v) => [v, `${fileKey}/${v}.jpg`])) as Record<
    PhotoVariant,
    string
  >;
  return { source: `${fileKey}/source`, ...variants };
}

/** Whether a photo's GPS puts it farther from its property than the flag's distance. */
export function isFarFromProperty(photo: Pick<Photo, 'distanceFromPropertyMeters'>): boolean {
  return (photo.distanceFromPropertyMeters ?? 0) > PHOTO_FAR_FROM_PROPERTY_METERS;
}

/**
 * Stores processed uploads: all files first, then all rows in one
 * transaction; if anything fails, the files written are deleted again, so a
 * refused or failed upload leaves nothing. Each photo's files sit under a key
 * of their own, so two racing uploads of one client id never share files:
 * the loser's are deleted and it answers with the winner's row.
 */
export async function storePhotos(
  em: EntityManager,
  store: PhotoStore,
  uploads: readonly { id: string; processed: ProcessedPhoto }[],
  viewer: Viewer,
  now: Date,
): Promise<Photo[]> {
  const written: string[] = [];
  const keyed = uploads.map((u) => ({ ...u, fileKey: `${u.id}/${randomUUID()}` }));
  try {
    for (const { fileKey, processed } of keyed) {
      const keys = photoObjectKeys(fileKey);
      await store.put(keys.source, processed.source, processed.contentType);
      written.push(keys.source);
      for (const variant of PHOTO_VARIANT_NAMES) {
        await store.put(keys[variant], processed.variants[variant], 'image/jpeg');
        written.push(keys[variant]);
      }
    }
    return await em.transactional(async (tx) => {
      const photos: Photo[] = [];
      for (const { id, fileKey, processed } of keyed) {
        const inserted = await tx.getConnection().execute<{ id: string }[]>(
          `insert into photos (id, file_key, content_type, size_bytes, width, height, taken_at, location, uploaded_by_id, created_at)
           values (?, ?, ?, ?, ?, ?, ?, case when ?::float8 is null then null else ST_SetSRID(ST_MakePoint(?, ?), 4326) end, ?, ?)
           on conflict (id) do nothing returning id`,
          [
            id,
            fileKey,
            processed.contentType,
            processed.sizeBytes,
            processed.width,
            processed.height,
            processed.takenAt,
            processed.location?.lng ?? null,
            processed.location?.lng ?? null,
            processed.location?.lat ?? null,
            viewer.id,
            now,
          ],
          'all',
          tx.getTransactionContext(),
        );
        if (inserted.length === 0) {
          // Another request with this client id won the race: its photo is the answer.
          await store.delete(Object.values(photoObjectKeys(fileKey)));
        }
        const photo = await tx.findOneOrFail(Photo, { id });
        if (photo.uploadedBy?.id !== viewer.id) throw idTaken(id);
        photos.push(photo);
      }
      return photos;
    });
  } catch (error) {
    await store.delete(written).catch(() => undefined);
    throw error;
  }
}

export function idTaken(id: string) {
  return badInput(id, 'this photo id is already used by another upload: send a new id');
}

/** Uploads of this viewer among `ids`, by id: what a retried upload answers without processing again. */
export async function findOwnUploads(em: EntityManager, ids: readonly string[], viewer: Viewer) {
  const photos = ids.length ? await em.find(Photo, { id: { $in: [...ids] } }) : [];
  for (const photo of photos) if (photo.uploadedBy?.id !== viewer.id) throw idTaken(photo.id);
  return new Map(photos.map((p) => [p.id, p]));
}

export type PhotoOwnerRef = { issueId: string } | { enhancementId: string };

/**
 * Attaches the viewer's uploads to an Issue or Enhancement, inside the
 * caller's transaction: each id must be an upload of the viewer not attached
 * elsewhere; one already attached to this owner (a retried write) is left as
 * it is. Sets the kind and each photo's distance from the property, so a
 * photo taken elsewhere is flagged. Returns the photos newly attached.
 */
export async function attachPhotos(
  tx: EntityManager,
  input: {
    photoIds: readonly string[] | null | undefined;
    field: string;
    owner: PhotoOwnerRef;
    propertyId: string;
    kind: PhotoKind;
    viewer: Viewer;
    now: Date;
  },
): Promise<Photo[]> {
  const ids = requireDistinctPhotoIds(input.photoIds, input.field);
  if (ids.length === 0) return [];
  const photos = await tx.find(Photo, { id: { $in: ids } }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  const byId = new Map(photos.map((p) => [p.id, p]));
  const ownerId = 'issueId' in input.owner ? input.owner.issueId : input.owner.enhancementId;
  const fresh: Photo[] = [];
  for (const id of ids) {
    const photo = byId.get(id);
    if (!photo || photo.uploadedBy?.id !== input.viewer.id) {
      throw badInput(input.field, `${id} is not a photo you uploaded (upload it first: POST /photos)`);
    }
    const current = photo.issue?.id ?? photo.enhancement?.id ?? null;
    if (current === ownerId) continue;
    if (current !== null) throw badInput(input.field, `${id} already belongs to another Issue or Enhancement`);
    fresh.push(photo);
  }
  if (fresh.length === 0) return [];
  const owner =
    'issueId' in input.owner
      ? { issue: input.owner.issueId, enhancement: null }
      : { issue: null, enhancement: input.owner.enhancementId };
  // One statement, with each photo's distance from the property's boundary (null without GPS; 0 inside).
  await tx.getConnection().execute(
    `update photos ph set issue_id = ?, enhancement_id = ?, kind = ?, attached_at = ?,
       distance_from_property_meters = (
         select ST_Distance(ph.location::geography, pr.boundary::geography) from properties pr where pr.id = ?
       )
     where ph.id in (?)`,
    [owner.issue, owner.enhancement, input.kind, input.now, input.propertyId, fresh.map((p) => p.id)],
    'run',
    tx.getTransactionContext(),
  );
  for (const photo of fresh) await tx.refresh(photo);
  return fresh;
}

/** What access to a photo depends on: its owner's crew and account manager, or its uploader while unattached. */
export interface PhotoAccessFacts {
  photo: Photo;
  owner: 'Issue' | 'Enhancement' | null;
  crewId: string | null;
  accountManagerId: string | null;
}

export async function photoAccessFacts(em: EntityManager, id: string): Promise<PhotoAccessFacts | null> {
  const photo = await em.findOne(Photo, { id });
  if (!photo) return null;
  const [row] = await em.getConnection().execute<{ crew_id: string | null; account_manager_id: string | null }[]>(
    `select i.crew_id, a.account_manager_id
     from photos ph
     left join issues i on i.id = ph.issue_id
     left join enhancements e on e.id = ph.enhancement_id
     left join accounts a on a.id = coalesce(i.account_id, e.account_id)
     where ph.id = ?`,
    [id],
  );
  return {
    photo,
    owner: photo.issue ? 'Issue' : photo.enhancement ? 'Enhancement' : null,
    crewId: row?.crew_id ?? null,
    accountManagerId: row?.account_manager_id ?? null,
  };
}

/**
 * Deletes uploads nobody attached within PHOTO_ORPHAN_HOURS: rows first (so
 * no row ever points at missing files), then their files. Returns how many.
 */
export async function deleteOrphanPhotos(
  em: EntityManager,
  store: PhotoStore,
  now: Date,
  logger?: Logger,
): Promise<number> {
  const cutoff = new Date(now.getTime() - PHOTO_ORPHAN_HOURS * 3_600_000);
  const rows = await em.getConnection().execute<{ id: string; file_key: string }[]>(
    `delete from photos where id in (
       select id from photos where kind is null and created_at < ? order by created_at limit 500 for update skip locked
     ) returning id, file_key`,
    [cutoff],
  );
  for (const row of rows) {
    await store
      .delete(Object.values(photoObjectKeys(row.file_key)))
      .catch((error) => logger?.warn({ err: error, photo: row.id }, 'deleting an orphan photo file failed'));
  }
  return rows.length;
}
