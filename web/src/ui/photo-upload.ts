/** A photo as `POST /photos` answers for it: stored, not yet attached to anything. */
export type UploadedPhoto = {
  id: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  takenAt: string | null;
  location: { lng: number; lat: number } | null;
  thumbUrl: string;
  displayUrl: string;
  originalUrl: string;
};

/** The upload was refused (the server's code and sentence) or never arrived. */
export class PhotoUploadError extends Error {
  constructor(
    message: string,
    /** The server's code (BAD_USER_INPUT, PAYLOAD_TOO_LARGE, …), or NETWORK / ABORTED. */
    readonly code: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'PhotoUploadError';
  }
}

type ErrorBody = { error?: { code?: unknown; message?: unknown } };
type Answer = { photos?: UploadedPhoto[] };

/** Just enough of XMLHttpRequest to upload with progress (tests pass a stand-in). */
export type UploadRequest = Pick<
  XMLHttpRequest,
  'open' | 'send' | 'abort' | 'status' | 'responseText' | 'withCredentials' | 'onload' | 'onerror' | 'onabort'
> & { upload: Pick<XMLHttpRequestUpload, 'onprogress'> };

export type UploadOptions = {
  /** Called with the fraction sent so far, 0…1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  /** Where to post; the server's route by default. */
  url?: string;
  createRequest?: () => UploadRequest;
};

/**
 * A client id for one upload (a UUID v4). The server keys the photo by it, so
 * sending the same file again with the same id after a dropped connection
 * returns the photo it already has instead of a second one. Built from
 * getRandomValues because randomUUID exists only on https and localhost.
 */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function refusal(status: number, text: string): PhotoUploadError {
  try {
    const body = JSON.parse(text) as ErrorBody;
    const code = typeof body.error?.code === 'string' ? body.error.code : `HTTP ${status}`;
    if (typeof body.error?.message === 'string') return new PhotoUploadError(body.error.message, code, status);
  } catch {
    // Not the server's JSON (a proxy's page, say): say what we know.
  }
  return new PhotoUploadError(`The server refused the photo (HTTP ${status})`, `HTTP ${status}`, status);
}

/**
 * Uploads one file to `POST /photos` as multipart/form-data, the part named
 * by `clientId`, with progress — fetch cannot report upload progress, an
 * XMLHttpRequest can. Resolves with the stored photo; rejects with a
 * {@link PhotoUploadError} carrying the server's code and message.
 */
export function uploadPhoto(file: Blob, clientId: string, options: UploadOptions = {}): Promise<UploadedPhoto> {
  const { onProgress, signal, url = '/photos', createRequest = () => new XMLHttpRequest() } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new PhotoUploadError('The upload was cancelled', 'ABORTED', 0));
    const request = createRequest();
    request.open('POST', url);
    // The session cookie goes with it, as with /graphql (same origin).
    request.withCredentials = true;
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(Math.min(1, event.loaded / event.total));
    };
    request.onload = () => {
      if (request.status === 201 || request.status === 200) {
        try {
          const photo = (JSON.parse(request.responseText) as Answer).photos?.[0];
          if (photo) {
            onProgress?.(1);
            return resolve(photo);
          }
        } catch {
          // Fall through: an answer without the photo is a refusal for the person.
        }
        return reject(new PhotoUploadError('The server did not return the photo', 'BAD_RESPONSE', request.status));
      }
      reject(refusal(request.status, request.responseText));
    };
    request.onerror = () =>
      reject(new PhotoUploadError('The photo could not be sent: check the connection and retry', 'NETWORK', 0));
    request.onabort = () => reject(new PhotoUploadError('The upload was cancelled', 'ABORTED', 0));
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    const form = new FormData();
    form.append(clientId, file, file instanceof File ? file.name : 'photo');
    request.send(form);
  });
}
