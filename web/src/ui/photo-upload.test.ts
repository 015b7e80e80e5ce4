import { describe, expect, it } from 'vitest';
import { newClientId, PhotoUploadError, uploadPhoto, type UploadRequest } from './photo-upload';

/** A stand-in for XMLHttpRequest that records what was sent and answers when told. */
class FakeRequest implements UploadRequest {
  method = '';
  url = '';
  body: FormData | null = null;
  status = 0;
  responseText = '';
  withCredentials = false;
  aborted = false;
  onload: UploadRequest['onload'] = null;
  onerror: UploadRequest['onerror'] = null;
  onabort: UploadRequest['onabort'] = null;
  upload: UploadRequest['upload'] = { onprogress: null };
  open(method: string, url: string | URL) {
    this.method = method;
    this.url = String(url);
  }
  send(body?: Document | XMLHttpRequestBodyInit | null) {
    this.body = body as FormData;
  }
  abort() {
    this.aborted = true;
    this.onabort?.call(this as never, new ProgressEvent('abort'));
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.call(
      this as never,
      new ProgressEvent('progress', { lengthComputable: true, loaded, total }),
    );
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = typeof body === 'string' ? body : JSON.stringify(body);
    this.onload?.call(this as never, new ProgressEvent('load'));
  }
}

const photo = {
  id: '8d0c1e6e-54a4-4a53-9a39-7c5f0c5f2b7e',
  sizeBytes: 4,
  width: 1600,
  height: 1200,
  takenAt: '2026-11-10T16:00:00.000Z',
  location: { lng: -104.95, lat: 39.72 },
  thumbUrl: '/photos/8d0c1e6e-54a4-4a53-9a39-7c5f0c5f2b7e/thumb',
  displayUrl: '/photos/8d0c1e6e-54a4-4a53-9a39-7c5f0c5f2b7e/display',
  originalUrl: '/photos/8d0c1e6e-54a4-4a53-9a39-7c5f0c5f2b7e/original',
};

function start(file = new File(['abcd'], 'after.jpg', { type: 'image/jpeg' }), clientId = newClientId()) {
  const request = new FakeRequest();
  const progress: number[] = [];
  const controller = new AbortController();
  const result = uploadPhoto(file, clientId, {
    createRequest: () => request,
    onProgress: (f) => progress.push(f),
    signal: controller.signal,
  });
  return { request, progress, result, controller, clientId };
}

describe('newClientId', () => {
  it('is a fresh UUID v4 each time', () => {
    const ids = Array.from({ length: 50 }, newClientId);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(50);
  });
});

describe('uploadPhoto', () => {
  it('posts the file as one multipart part named by the client id, reporting progress, and returns the photo', async () => {
    const { request, progress, result, clientId } = start();
    expect([request.method, request.url, request.withCredentials]).toEqual(['POST', '/photos', true]);
    const part = request.body!.get(clientId) as File;
    expect([part.name, part.size, [...request.body!.keys()]]).toEqual(['after.jpg', 4, [clientId]]);
    request.progress(1, 4);
    request.progress(3, 4);
    request.answer(201, { photos: [photo] });
    await expect(result).resolves.toEqual(photo);
    expect(progress).toEqual([0.25, 0.75, 1]);
  });

  it('rejects with the server’s code and sentence', async () => {
    const { request, result } = start();
    request.answer(413, {
      error: { code: 'PAYLOAD_TOO_LARGE', field: 'x', message: 'after.jpg is 30.0 MB; photos may be at most 25 MB' },
    });
    await expect(result).rejects.toMatchObject({
      name: 'PhotoUploadError',
      code: 'PAYLOAD_TOO_LARGE',
      status: 413,
      message: 'after.jpg is 30.0 MB; photos may be at most 25 MB',
    });
  });

  it('says what it knows when the answer is not the server’s JSON, or never comes', async () => {
    const proxied = start();
    proxied.request.answer(502, '<html>Bad gateway</html>');
    await expect(proxied.result).rejects.toEqual(
      new PhotoUploadError('The server refused the photo (HTTP 502)', 'HTTP 502', 502),
    );
    const offline = start();
    offline.request.onerror?.call(offline.request as never, new ProgressEvent('error'));
    await expect(offline.result).rejects.toMatchObject({ code: 'NETWORK' });
  });

  it('stops when cancelled', async () => {
    const { request, result, controller } = start();
    controller.abort();
    expect(request.aborted).toBe(true);
    await expect(result).rejects.toMatchObject({ code: 'ABORTED' });
  });
});
