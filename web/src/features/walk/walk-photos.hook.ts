import { useEffect, useRef, useState } from 'react';
import { describeError } from '../../ui/error.describe';
import { newClientId, uploadPhoto, type PhotoUploadError } from '../../ui/photo-upload';

export type WalkPhoto = {
  /** The client's id for the file: a retry sends it again and the server keeps one photo. */
  clientId: string;
  file: File;
  progress: number;
  photoId: string | null;
  error: string | null;
};

/** Photos taken for one capture, each uploading as soon as it is taken (the shared upload client). */
export function useWalkPhotos() {
  const [photos, setPhotos] = useState<WalkPhoto[]>([]);
  const controllers = useRef(new Map<string, AbortController>());

  useEffect(() => {
    const running = controllers.current;
    return () => running.forEach((c) => c.abort());
  }, []);

  const patch = (clientId: string, change: Partial<WalkPhoto>) =>
    setPhotos((current) => current.map((p) => (p.clientId === clientId ? { ...p, ...change } : p)));

  const send = (photo: WalkPhoto) => {
    const controller = new AbortController();
    controllers.current.set(photo.clientId, controller);
    patch(photo.clientId, { error: null, progress: 0 });
    uploadPhoto(photo.file, photo.clientId, {
      signal: controller.signal,
      onProgress: (progress) => patch(photo.clientId, { progress }),
    }).then(
      (stored) => patch(photo.clientId, { photoId: stored.id, progress: 1 }),
      (error: PhotoUploadError) => {
        if (error.code !== 'ABORTED') patch(photo.clientId, { error: describeError(error).message || error.message });
      },
    );
  };

  const add = (files: readonly File[]) => {
    const added = files.map((file) => ({ clientId: newClientId(), file, progress: 0, photoId: null, error: null }));
    setPhotos((current) => [...current, ...added]);
    added.forEach(send);
  };

  const retry = (clientId: string) => {
    const photo = photos.find((p) => p.clientId === clientId);
    if (photo) send(photo);
  };

  const remove = (clientId: string) => {
    controllers.current.get(clientId)?.abort();
    setPhotos((current) => current.filter((p) => p.clientId !== clientId));
  };

  const reset = () => setPhotos([]);

  const pending = photos.some((p) => p.photoId === null && p.error === null);
  const failed = photos.some((p) => p.error !== null);
  const photoIds = photos.flatMap((p) => (p.photoId ? [p.photoId] : []));
  return { photos, add, retry, remove, reset, pending, failed, photoIds };
}
