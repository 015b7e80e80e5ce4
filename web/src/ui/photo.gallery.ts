import type { GalleryPhoto } from './PhotoGallery';

/** A photo as the API lists it on an Issue or Enhancement. */
type ApiPhoto = { id: string; kind: 'BEFORE' | 'AFTER'; url: string; takenAt?: string | null };

/** The API's photos in the gallery's terms. */
export function galleryPhotos(photos: readonly ApiPhoto[]): GalleryPhoto[] {
  return photos.map((p) => ({
    id: p.id,
    kind: p.kind,
    thumbUrl: p.url,
    displayUrl: p.url,
    takenAt: p.takenAt ?? null,
  }));
}
