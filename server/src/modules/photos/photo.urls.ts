import type { PhotoVariant } from '@groundwork/shared';

/** Where the web loads each size of a photo from (same origin, the owner's permission). */
export function photoUrls(id: string): { thumbUrl: string; displayUrl: string; originalUrl: string } {
  const url = (variant: PhotoVariant) => `/photos/${id}/${variant}`;
  return { thumbUrl: url('thumb'), displayUrl: url('display'), originalUrl: url('original') };
}
