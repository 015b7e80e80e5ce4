import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { randomUUID, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import exifr from 'exifr';
import heicDecode from 'heic-decode';
import S3rver from 's3rver';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { PHOTO_MAX_PIXELS } from '@groundwork/shared';
import { BACKENDS, startTestServer, type Backend, type TestServer } from './support/test-server.js';
import {
  createAccount,
  createCrew,
  createProperty,
  createSchedule,
  createServiceLines,
  createUser,
} from './support/factories.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const CENTER = { lng: -104.99, lat: 39.74 };

/** A JPEG: left half red, right half blue, with EXIF (orientation, taken-at, GPS) when asked. */
async function jpeg(
  options: { width?: number; height?: number; orientation?: number; takenAt?: string; gps?: [number, number] } = {},
): Promise<Buffer> {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width / 2}" height="${height}" fill="#dd0000"/><rect x="${width / 2}" width="${width / 2}" height="${height}" fill="#0000dd"/></svg>`;
  let image = sharp(Buffer.from(svg)).jpeg({ quality: 90 });
  if (options.orientation) image = image.withMetadata({ orientation: options.orientation });
  const exif: Record<string, Record<string, string>> = {};
  if (options.takenAt) exif.IFD2 = { DateTimeOriginal: options.takenAt };
  if (options.gps) {
    const [lng, lat] = options.gps;
    const dms = (v: number) => {
      const a = Math.abs(v);
      const d = Math.floor(a);
      const m = Math.floor((a - d) * 60);
      const s = Math.round(((a - d) * 60 - m) * 60 * 10000);
      return `${d}/1 ${m}/1 ${s}/10000`;
    };
    exif.IFD3 = {
      GPSLatitudeRef: lat >= 0 ? 'N' : 'S',
      GPSLatitude: dms(lat),
      GPSLongitudeRef: lng >= 0 ? 'E' : 'W',
      GPSLongitude: dms(lng),
    };
  }
  if (Object.keys(exif).length) image = options.orientation ? image.withExifMerge(exif) : image.withExif(exif);
  return image.toBuffer();
}

/** A PNG whose header declares width × height but carries almost no data: a decompression bomb's shape. */
function pngDeclaring(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(2, 9); // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.alloc(width * 3 + 1))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The HEIC with its header (`ispe`: the image's size) saying width × height: refused before decoding. */
function heicDeclaringSize(heic: Buffer, width: number, height: number): Buffer {
  const copy = Buffer.from(heic);
  const at = copy.indexOf('ispe');
  expect(at).toBeGreaterThan(0);
  // size, 'ispe', version and flags, then width and height.
  copy.writeUInt32BE(width, at + 8);
  copy.writeUInt32BE(height, at + 12);
  return copy;
}

interface UploadAnswer {
  status: number;
  body: {
    photos?: {
      id: string;
      width: number;
      height: number;
      takenAt: string | null;
      location: unknown;
      thumbUrl: string;
    }[];
    error?: { code: string; field: string | null; message: string };
  };
}

async function upload(
  server: TestServer,
  token: string | null,
  files: { id?: string; bytes: Buffer; name?: string; type?: string }[],
): Promise<UploadAnswer> {
  const form = new FormData();
  for (const file of files) {
    form.append(
      file.id ?? randomUUID(),
      new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'image/jpeg' }),
      file.name ?? 'photo.jpg',
    );
  }
  const res = await fetch(`${server.url}/photos`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  });
  return { status: res.status, body: (await res.json()) as UploadAnswer['body'] };
}

async function fetchPhoto(server: TestServer, token: string | null, url: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${url}`, {
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
}

async function pixel(image: Buffer, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [data[i]!, data[i + 1]!, data[i + 2]!];
}

const isRed = ([r, g, b]: [number, number, number]) => r > 180 && g < 60 && b < 60;
const isBlue = ([r, g, b]: [number, number, number]) => b > 180 && r < 60 && g < 60;

type Store = 'disk' | 's3';
const STORES: Store[] = ['disk', 's3'];

let s3: { server: S3rver; dir: string; endpoint: string } | null = null;

beforeAll(async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'groundwork-s3-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: dir,
    configureBuckets: [{ name: 'photos', configs: [] }],
  });
  const { port } = (await server.run()) as { port: number };
  s3 = { server, dir, endpoint: `http://127.0.0.1:${port}` };
});

afterAll(async () => {
  if (s3) {
    await s3.server.close();
    await fs.rm(s3.dir, { recursive: true, force: true });
  }
});

describe.each(BACKENDS.flatMap((backend) => STORES.map((store) => [backend, store] as [Backend, Store])))(
  'photos (%s, %s store)',
  (backend, store) => {
    let server: TestServer;
    let prefix: string;
    let am: { token: string; id: string };
    let otherAm: { token: string };
    let ops: { token: string };
    let exec: { token: string };
    let lead: { token: string };
    let otherLead: { token: string };
    let propertyId: string;

    beforeAll(async () => {
      prefix = `t${randomBytes(4).toString('hex')}`;
      server = await startTestServer(
        backend,
        store === 's3'
          ? {
              PHOTO_STORE_URL: `s3://photos/${prefix}`,
              PHOTO_STORE_ENDPOINT: s3!.endpoint,
              PHOTO_STORE_ACCESS_KEY_ID: 'S3RVER',
              PHOTO_STORE_SECRET_ACCESS_KEY: 'S3RVER',
            }
          : {},
      );
      const em = server.em();
      const lines = await createServiceLines(em);
      const crew = await createCrew(em, lines.IRRIGATION);
      const otherCrew = await createCrew(em, lines.IRRIGATION);
      const amUser = await createUser(em, { role: 'ACCOUNT_MANAGER' });
      am = { token: amUser.token, id: amUser.user.id };
      otherAm = await createUser(em, { role: 'ACCOUNT_MANAGER' });
      ops = await createUser(em, { role: 'OPS_MANAGER' });
      exec = await createUser(em, { role: 'EXECUTIVE' });
      lead = await createUser(em, { role: 'CREW_LEAD', crew });
      otherLead = await createUser(em, { role: 'CREW_LEAD', crew: otherCrew });
      const account = await createAccount(em, amUser.user);
      const property = await createProperty(em, account, CENTER);
      await createSchedule(em, property, lines.IRRIGATION, crew, {
        weekday: 3,
        cadence: 'WEEKLY',
        anchorDate: '2026-01-07',
      });
      propertyId = property.id;
    });

    afterAll(async () => {
      await server?.[Symbol.asyncDispose]();
    });

    /** Every object in the store: files under DATA_DIR/photos, or keys under the test's bucket prefix. */
    async function storedObjects(): Promise<string[]> {
      if (store === 's3') {
        const client = new S3Client({
          region: 'us-east-1',
          endpoint: s3!.endpoint,
          forcePathStyle: true,
          credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        });
        const out = await client.send(new ListObjectsV2Command({ Bucket: 'photos', Prefix: `${prefix}/` }));
        return (out.Contents ?? []).map((o) => o.Key!).sort();
      }
      // The disk store's folder (DATA_DIR/photos of the test's own data folder).
      const root = (server.server.photos.store as unknown as { root: string }).root;
      const files = await fs.readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
      return files
        .filter((f) => f.isFile())
        .map((f) => path.relative(root, path.join(f.parentPath, f.name)))
        .sort();
    }

    async function photoRows(): Promise<number> {
      const [row] = await server.em().getConnection().execute<{ n: string }[]>('select count(*) as n from photos');
      return Number(row!.n);
    }

    async function createIssue(token: string, photoIds: string[], location = CENTER) {
      const res = await server.gql(
        `mutation ($input: CreateIssueInput!) { createIssue(input: $input) { issue { id version photos { id kind thumbUrl displayUrl originalUrl farFromProperty width height takenAt location { lng lat } } } } }`,
        {
          input: {
            propertyId,
            location,
            title: `Broken head ${randomUUID().slice(0, 6)}`,
            category: 'IRRIGATION_LEAK',
            allowDuplicate: true,
            photoIds,
          },
        },
        token,
      );
      return res;
    }

    it('takes a JPEG upright, reads taken-at and GPS, serves three sizes without metadata', async () => {
      const before = await storedObjects();
      const bytes = await jpeg({ orientation: 6, takenAt: '2026:11:30 14:05:00', gps: [CENTER.lng, CENTER.lat] });
      const id = randomUUID();
      const answer = await upload(server, am.token, [{ id, bytes }]);
      expect(answer.status).toBe(201);
      // Orientation 6: the 640 × 480 sensor image is shown 480 wide, 640 high.
      expect(answer.body.photos).toEqual([
        {
          id,
          sizeBytes: bytes.length,
          width: 480,
          height: 640,
          takenAt: '2026-11-30T21:05:00.000Z', // 14:05 in Denver (MST)
          location: { lng: expect.closeTo(CENTER.lng, 5), lat: expect.closeTo(CENTER.lat, 5) },
          thumbUrl: `/photos/${id}/thumb`,
          displayUrl: `/photos/${id}/display`,
          originalUrl: `/photos/${id}/original`,
        },
      ]);
      expect((await storedObjects()).length - before.length).toBe(4); // source + thumb, display, original

      const created = await createIssue(am.token, [id]);
      expect(created.errors).toBeUndefined();
      expect(created.data!.createIssue.issue.photos).toEqual([
        {
          id,
          kind: 'BEFORE',
          thumbUrl: `/photos/${id}/thumb`,
          displayUrl: `/photos/${id}/display`,
          originalUrl: `/photos/${id}/original`,
          farFromProperty: false,
          width: 480,
          height: 640,
          takenAt: '2026-11-30T21:05:00.000Z',
          location: { lng: expect.closeTo(CENTER.lng, 5), lat: expect.closeTo(CENTER.lat, 5) },
        },
      ]);

      const sizes: Record<string, [number, number]> = { thumb: [240, 320], display: [480, 640], original: [480, 640] };
      for (const [variant, [w, h]] of Object.entries(sizes)) {
        const res = await fetchPhoto(server, am.token, `/photos/${id}/${variant}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('image/jpeg');
        expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
        expect(res.headers.get('etag')).toBe(`"${id}-${variant}"`);
        const served = Buffer.from(await res.arrayBuffer());
        const meta = await sharp(served).metadata();
        expect([meta.width, meta.height]).toEqual([w, h]);
        // Upright: the sensor's left (red) half is now the top.
        expect(isRed(await pixel(served, Math.floor(w / 2), Math.floor(h / 4)))).toBe(true);
        expect(isBlue(await pixel(served, Math.floor(w / 2), Math.floor((3 * h) / 4)))).toBe(true);
        // Nothing of the phone's metadata reaches a viewer.
        expect(meta.exif).toBeUndefined();
        expect(meta.orientation).toBeUndefined();
        expect(await exifr.gps(served).catch(() => undefined)).toBeUndefined();
      }
      // A cached copy is revalidated for free.
      const again = await fetchPhoto(server, am.token, `/photos/${id}/thumb`, { 'if-none-match': `"${id}-thumb"` });
      expect(again.status).toBe(304);
    });

    it('takes PNG, WebP and HEIC by content whatever their names', async () => {
      const png = await sharp(await jpeg({ width: 200, height: 100 }))
        .png()
        .toBuffer();
      const webp = await sharp(await jpeg({ width: 200, height: 100 }))
        .webp()
        .toBuffer();
      const heic = await fs.readFile(path.join(FIXTURES, 'photo.heic'));
      const ids = [randomUUID(), randomUUID(), randomUUID()];
      const answer = await upload(server, lead.token, [
        { id: ids[0], bytes: png, name: 'scan.jpg' },
        { id: ids[1], bytes: webp, name: 'IMG_0001' },
        { id: ids[2], bytes: heic, name: 'IMG_0002.HEIC', type: 'image/heic' },
      ]);
      expect(answer.status).toBe(201);
      expect(answer.body.photos!.map((p) => [p.id, p.width, p.height])).toEqual([
        [ids[0], 200, 100],
        [ids[1], 200, 100],
        [ids[2], 400, 300],
      ]);
      const rows = await server
        .em()
        .getConnection()
        .execute<{ id: string; content_type: string }[]>('select id, content_type from photos where id in (?)', [ids]);
      expect(Object.fromEntries(rows.map((r) => [r.id, r.content_type]))).toEqual({
        [ids[0]!]: 'image/png',
        [ids[1]!]: 'image/webp',
        [ids[2]!]: 'image/heic',
      });
      // The HEIC served as an upright JPEG: red left, blue right.
      const res = await fetchPhoto(server, lead.token, `/photos/${ids[2]}/display`);
      expect(res.status).toBe(200);
      const served = Buffer.from(await res.arrayBuffer());
      expect((await sharp(served).metadata()).format).toBe('jpeg');
      expect(isRed(await pixel(served, 100, 150))).toBe(true);
      expect(isBlue(await pixel(served, 300, 150))).toBe(true);
    });

    it('refuses what is not a readable photo, naming the part, and stores nothing', async () => {
      const rows = await photoRows();
      const objects = await storedObjects();
      const good = await jpeg({ width: 100, height: 80 });
      const truncated = (await jpeg({ width: 1200, height: 900 })).subarray(0, 4000);
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
      const huge = Buffer.concat([good.subarray(0, 4), randomBytes(30 * 1024 * 1024)]);
      const heic = await fs.readFile(path.join(FIXTURES, 'photo.heic'));
      const heicDeclaring = heicDeclaringSize(heic, 20_000, 20_000);
      const cases: [string, Buffer, number, string, RegExp][] = [
        ['empty', Buffer.alloc(0), 400, 'BAD_USER_INPUT', /is empty/],
        ['30 MB', huge, 413, 'PAYLOAD_TOO_LARGE', /is larger than 25 MB/],
        [
          'a PDF named .jpg',
          pdf,
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          /is not a JPEG, PNG, WebP or HEIC photo \(its content is PDF\)/,
        ],
        ['truncated JPEG', truncated, 400, 'BAD_USER_INPUT', /truncated or corrupt/],
        [
          '30,000 × 30,000 PNG',
          pngDeclaring(30_000, 30_000),
          400,
          'BAD_USER_INPUT',
          new RegExp(`is 30000 × 30000 pixels; the most accepted is ${PHOTO_MAX_PIXELS / 1_000_000} megapixels`),
        ],
        // HEIC is checked on the decoder's thread: the same refusals, the same codes.
        [
          'truncated HEIC',
          heic.subarray(0, 800),
          400,
          'BAD_USER_INPUT',
          /truncated or corrupt \(HEIF image not found\)/,
        ],
        [
          '20,000 × 20,000 HEIC',
          heicDeclaring,
          400,
          'BAD_USER_INPUT',
          new RegExp(`is 20000 × 20000 pixels; the most accepted is ${PHOTO_MAX_PIXELS / 1_000_000} megapixels`),
        ],
      ];
      for (const [label, bytes, status, code, message] of cases) {
        const goodId = randomUUID();
        const badId = randomUUID();
        // The good photo first: it is processed, then dropped with the bad one.
        const answer = await upload(server, am.token, [
          { id: goodId, bytes: good },
          { id: badId, bytes, name: 'photo.jpg' },
        ]);
        expect({
          label,
          status: answer.status,
          code: answer.body.error?.code,
          field: answer.body.error?.field,
        }).toEqual({ label, status, code, field: badId });
        expect(answer.body.error!.message).toMatch(message);
        expect(answer.body.error!.message.startsWith(badId)).toBe(true);
      }
      expect(await photoRows()).toBe(rows);
      expect(await storedObjects()).toEqual(objects);
    });

    it('refuses uploads without a session, by an executive, and malformed requests', async () => {
      const bytes = await jpeg({ width: 64, height: 48 });
      expect((await upload(server, null, [{ bytes }])).body.error?.code).toBe('UNAUTHENTICATED');
      expect((await upload(server, null, [{ bytes }])).status).toBe(401);
      const byExec = await upload(server, exec.token, [{ bytes }]);
      expect([byExec.status, byExec.body.error?.code]).toEqual([403, 'FORBIDDEN']);
      const badName = await upload(server, am.token, [{ id: 'photo', bytes }]);
      expect([badName.status, badName.body.error?.field]).toEqual([400, 'photo']);
      const notMultipart = await fetch(`${server.url}/photos`, {
        method: 'POST',
        headers: { authorization: `Bearer ${am.token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(notMultipart.status).toBe(415);
      const eleven = await upload(
        server,
        am.token,
        Array.from({ length: 11 }, () => ({ bytes })),
      );
      expect([eleven.status, eleven.body.error?.message]).toEqual([
        400,
        'body: at most 10 photos per upload: send the rest in another',
      ]);
    });

    it('answers a retried upload with the same photo, and refuses another user the same id', async () => {
      const bytes = await jpeg({ width: 64, height: 48 });
      const id = randomUUID();
      const rows = await photoRows();
      const objects = (await storedObjects()).length;
      const first = await upload(server, am.token, [{ id, bytes }]);
      const second = await upload(server, am.token, [{ id, bytes }]);
      expect(first.status).toBe(201);
      expect(second).toEqual(first);
      expect(await photoRows()).toBe(rows + 1);
      expect((await storedObjects()).length).toBe(objects + 4);
      const other = await upload(server, ops.token, [{ id, bytes }]);
      expect([other.status, other.body.error?.field]).toEqual([400, id]);
      // Two racing copies of one upload: one photo, no stray files.
      const racing = randomUUID();
      const both = await Promise.all([
        upload(server, am.token, [{ id: racing, bytes }]),
        upload(server, am.token, [{ id: racing, bytes }]),
      ]);
      expect(both.map((a) => a.status)).toEqual([201, 201]);
      expect(both[0]!.body).toEqual(both[1]!.body);
      expect(await photoRows()).toBe(rows + 2);
      expect((await storedObjects()).length).toBe(objects + 8);
    });

    it('shows a photo with the permission of its Issue, and an unattached upload to its uploader only', async () => {
      const [a, b] = [randomUUID(), randomUUID()];
      expect((await upload(server, am.token, [{ id: a, bytes: await jpeg({ width: 64, height: 48 }) }])).status).toBe(
        201,
      );
      expect((await upload(server, am.token, [{ id: b, bytes: await jpeg({ width: 64, height: 48 }) }])).status).toBe(
        201,
      );
      const pending = `/photos/${b}/thumb`;
      expect((await fetchPhoto(server, am.token, pending)).status).toBe(200);
      expect((await fetchPhoto(server, ops.token, pending)).status).toBe(403);

      const created = await createIssue(am.token, [a]);
      expect(created.errors).toBeUndefined();
      const url = `/photos/${a}/display`;
      const expected: [string, string | null, number][] = [
        ['anonymous', null, 401],
        ['its account manager', am.token, 200],
        ['another account manager', otherAm.token, 403],
        ['the operations manager', ops.token, 200],
        ['the executive', exec.token, 200],
        ['the lead of its crew', lead.token, 200],
        ['the lead of another crew', otherLead.token, 403],
      ];
      const got = await Promise.all(
        expected.map(async ([who, token]) => [who, token, (await fetchPhoto(server, token, url)).status]),
      );
      expect(got).toEqual(expected);
      expect((await fetchPhoto(server, am.token, `/photos/${a}/source`)).status).toBe(404);
      expect((await fetchPhoto(server, am.token, `/photos/not-an-id/thumb`)).status).toBe(404);
      expect((await fetchPhoto(server, am.token, `/photos/${randomUUID()}/thumb`)).status).toBe(404);
    });

    it('attaches uploads once, to one owner, by their uploader; flags a photo taken far away', async () => {
      const near = randomUUID();
      const far = randomUUID();
      const someoneElses = randomUUID();
      await upload(server, am.token, [
        { id: near, bytes: await jpeg({ width: 64, height: 48, gps: [CENTER.lng, CENTER.lat] }) },
        { id: far, bytes: await jpeg({ width: 64, height: 48, gps: [CENTER.lng, CENTER.lat + 0.01] }) },
      ]);
      await upload(server, ops.token, [{ id: someoneElses, bytes: await jpeg({ width: 64, height: 48 }) }]);
      const refused = await createIssue(am.token, [near, someoneElses]);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.photoIds' });
      const twice = await createIssue(am.token, [near, near]);
      expect(twice.errors?.[0]?.message).toBe('input.photoIds: lists the same photo twice');

      const created = await createIssue(am.token, [near, far]);
      expect(created.errors).toBeUndefined();
      expect(
        created.data!.createIssue.issue.photos.map((p: { id: string; farFromProperty: boolean }) => [
          p.id,
          p.farFromProperty,
        ]),
      ).toEqual([
        [near, false],
        [far, true], // about 1.1 km north
      ]);
      const again = await createIssue(am.token, [near]);
      expect(again.errors?.[0]?.message).toBe(
        `input.photoIds: ${near} already belongs to another Issue or Enhancement`,
      );
    });

    it('closes the loop: the crew resolves with an after photo, a reopen needs a reason', async () => {
      const before = randomUUID();
      await upload(server, am.token, [{ id: before, bytes: await jpeg({ width: 64, height: 48 }) }]);
      const created = await createIssue(am.token, [before]);
      let issue = created.data!.createIssue.issue as { id: string; version: number };
      const status = (token: string, input: Record<string, unknown>) =>
        server.gql(
          `mutation ($input: UpdateIssueStatusInput!) { updateIssueStatus(input: $input) { id status version reopenCount photos { id kind } } }`,
          { input: { issueId: issue.id, expectedVersion: issue.version, ...input } },
          token,
        );
      const after = randomUUID();
      await upload(server, lead.token, [{ id: after, bytes: await jpeg({ width: 64, height: 48 }) }]);
      const started = await status(lead.token, { status: 'IN_PROGRESS' });
      expect(started.errors).toBeUndefined();
      issue = started.data!.updateIssueStatus;
      const resolved = await status(lead.token, { status: 'RESOLVED', note: 'Replaced the head', photoIds: [after] });
      expect(resolved.errors).toBeUndefined();
      expect(resolved.data!.updateIssueStatus).toMatchObject({
        status: 'RESOLVED',
        reopenCount: 0,
        photos: [
          { id: before, kind: 'BEFORE' },
          { id: after, kind: 'AFTER' },
        ],
      });
      issue = resolved.data!.updateIssueStatus;
      const noReason = await status(am.token, { status: 'ASSIGNED' });
      expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.note' });
      const reopened = await status(am.token, { status: 'ASSIGNED', note: 'Still dry on the east side' });
      expect(reopened.data!.updateIssueStatus).toMatchObject({ status: 'ASSIGNED', reopenCount: 1 });
    });

    it('deletes uploads never attached after 24 hours, with their files', async () => {
      const orphan = randomUUID();
      await upload(server, am.token, [{ id: orphan, bytes: await jpeg({ width: 64, height: 48 }) }]);
      const [row] = await server
        .em()
        .getConnection()
        .execute<{ file_key: string; created_at: Date }[]>('select file_key, created_at from photos where id = ?', [
          orphan,
        ]);
      const filesOf = async () => (await storedObjects()).filter((k) => k.includes(row!.file_key));
      expect((await filesOf()).length).toBe(4);
      const attached = (
        await server
          .em()
          .getConnection()
          .execute<{ n: string }[]>('select count(*) as n from photos where kind is not null')
      )[0]!.n;

      server.clock.set(new Date(new Date(row!.created_at).getTime() + 23 * 3_600_000));
      await server.server.photos.sweeper.sweep();
      expect(await filesOf()).toHaveLength(4);

      server.clock.set(new Date(new Date(row!.created_at).getTime() + 24 * 3_600_000 + 1000));
      await server.server.photos.sweeper.sweep();
      const [left] = await server
        .em()
        .getConnection()
        .execute<{ n: string }[]>('select count(*) as n from photos where id = ?', [orphan]);
      expect(Number(left!.n)).toBe(0);
      expect(await filesOf()).toEqual([]);
      // Attached photos stay, however old.
      const [stillAttached] = await server
        .em()
        .getConnection()
        .execute<{ n: string }[]>('select count(*) as n from photos where kind is not null');
      expect(Number(stillAttached!.n)).toBe(Number(attached));
    });
  },
);

describe('HEIC decoding (embedded, disk store)', () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer('embedded');
    ({ token } = await createUser(server.em(), { role: 'OPS_MANAGER' }));
  });

  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });

  const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

  it('decodes a 12-MP HEIC on a worker thread: the event loop keeps running meanwhile', async () => {
    // 4000 × 3000, red top left to blue bottom right; small because it is smooth (fixtures/README.md).
    const bytes = await fs.readFile(path.join(FIXTURES, 'photo-12mp.heic'));
    const small = await fs.readFile(path.join(FIXTURES, 'photo.heic'));
    // Warm-ups, so that neither side counts compiling libheif or starting a thread: a small
    // HEIC through the server's decoder and one decoded here.
    expect((await upload(server, token, [{ bytes: small, type: 'image/heic' }])).status).toBe(201);
    await heicDecode({ buffer: small });
    // What the decode costs this thread when done here, the way the server did before it had workers.
    const cpu = process.threadCpuUsage();
    const started = performance.now();
    const here = await heicDecode({ buffer: bytes });
    const inThread = { ms: performance.now() - started, cpuMs: cpuMs(process.threadCpuUsage(cpu)) };
    expect([here.width, here.height]).toEqual([4000, 3000]);

    // The server's decoder, watched from this thread (the server's): while it decodes, how long
    // the longest stretch without a tick of a 5-ms timer is, and what this thread spends.
    const decoder = server.server.photos.heic;
    const decode = decoder.decode;
    const during: { ticks: number; longestStallMs: number; cpuMs: number }[] = [];
    let watch: { ticks: number; last: number; longest: number } | null = null;
    const probe = setInterval(() => {
      if (!watch) return;
      const now = performance.now();
      watch.longest = Math.max(watch.longest, now - watch.last);
      watch.last = now;
      watch.ticks++;
    }, 5);
    decoder.decode = async (...args) => {
      const w = { ticks: 0, last: performance.now(), longest: 0 };
      watch = w;
      const cpuBefore = process.threadCpuUsage();
      try {
        return await decode.apply(decoder, args);
      } finally {
        const cpuMsDuring = cpuMs(process.threadCpuUsage(cpuBefore));
        w.longest = Math.max(w.longest, performance.now() - w.last);
        watch = null;
        during.push({ ticks: w.ticks, longestStallMs: w.longest, cpuMs: cpuMsDuring });
      }
    };
    const id = randomUUID();
    let answer: UploadAnswer;
    try {
      answer = await upload(server, token, [{ id, bytes, name: 'IMG_0003.HEIC', type: 'image/heic' }]);
    } finally {
      clearInterval(probe);
      decoder.decode = decode;
    }
    expect(answer.status).toBe(201);
    expect(answer.body.photos!.map((p) => [p.id, p.width, p.height])).toEqual([[id, 4000, 3000]]);
    expect(during).toHaveLength(1);
    // Decoded on this thread, the timer stops for the whole decode (1 tick, ~200 ms of this
    // thread's CPU: measured once with the decode moved back here). On the worker the timer keeps
    // firing and this thread does a small part of the work (~13 ms). CPU time is the sharp
    // figure: it does not grow when the machine is busy, where wall-clock stalls do.
    expect(during[0]!.ticks).toBeGreaterThanOrEqual(10);
    expect(during[0]!.longestStallMs).toBeLessThan(inThread.ms);
    expect(during[0]!.cpuMs).toBeLessThan(inThread.cpuMs / 4);

    // The pixels moved back from the worker whole: red top left, blue bottom right.
    const res = await fetchPhoto(server, token, `/photos/${id}/display`);
    const served = Buffer.from(await res.arrayBuffer());
    expect((await sharp(served).metadata()).width).toBe(1600);
    expect(isRed(await pixel(served, 10, 10))).toBe(true);
    expect(isBlue(await pixel(served, 1589, 1189))).toBe(true);
  });
});
