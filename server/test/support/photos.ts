import sharp from 'sharp';

/**
 * A small, real JPEG of a scene for tests that upload photos: sky over a
 * lawn with a patch in `patch` colour (a dead patch before, green after).
 * Shapes only: rendering text would depend on the machine's fonts.
 */
export function sceneJpeg(options: { width?: number; height?: number; patch?: string } = {}): Promise<Buffer> {
  const { width = 800, height = 600, patch = '#8d6e3f' } = options;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <rect width="${width}" height="${height * 0.4}" fill="#9cc9f0"/>
  <rect y="${height * 0.4}" width="${width}" height="${height * 0.6}" fill="#4f8f3a"/>
  <ellipse cx="${width / 2}" cy="${height * 0.7}" rx="${width / 5}" ry="${height / 10}" fill="${patch}"/>
</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

/** Uploads files to `POST /photos` as `token` (one part per file, named by its client id); the stored photos. */
export async function uploadPhotos(
  serverUrl: string,
  token: string,
  files: { clientId: string; bytes: Buffer; name?: string }[],
): Promise<{ id: string; thumbUrl: string; displayUrl: string }[]> {
  const form = new FormData();
  for (const file of files) {
    form.append(
      file.clientId,
      new Blob([new Uint8Array(file.bytes)], { type: 'image/jpeg' }),
      file.name ?? 'photo.jpg',
    );
  }
  const res = await fetch(`${serverUrl}/photos`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const body = (await res.json()) as { photos?: { id: string; thumbUrl: string; displayUrl: string }[] };
  if (res.status !== 201 || !body.photos) throw new Error(`upload refused: HTTP ${res.status} ${JSON.stringify(body)}`);
  return body.photos;
}
