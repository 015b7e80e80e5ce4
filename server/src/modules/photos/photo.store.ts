import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { Config } from '../../platform/config.js';

/** An object read from the store. */
export interface StoredObject {
  body: Readable;
  sizeBytes: number;
}

/**
 * Where photo files live: a directory, or an S3-compatible bucket. Keys are
 * slash-separated, made by the photos module only (never from client input).
 */
export interface PhotoStore {
  readonly kind: 'disk' | 's3';
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** Null when there is no such object. */
  get(key: string): Promise<StoredObject | null>;
  /** Deletes the objects; missing ones are not an error. */
  delete(keys: readonly string[]): Promise<void>;
  /** Fails when the store cannot be reached (checked at start). */
  check(): Promise<void>;
}

const KEY = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*$/;

function checkKey(key: string): string {
  if (!KEY.test(key) || key.split('/').some((part) => part === '.' || part === '..')) {
    throw new Error(`invalid photo store key: ${key}`);
  }
  return key;
}

/** Files under a directory; each write lands whole (written beside, then renamed). */
export class DiskPhotoStore implements PhotoStore {
  readonly kind = 'disk' as const;

  constructor(private readonly root: string) {}

  private file(key: string): string {
    return path.join(this.root, ...checkKey(key).split('/'));
  }

  async put(key: string, body: Buffer): Promise<void> {
    const file = this.file(key);
    await fsp.mkdir(path.dirname(file), { recursive: true });
    const partial = `${file}.${randomUUID()}.partial`;
    await fsp.writeFile(partial, body);
    await fsp.rename(partial, file);
  }

  async get(key: string): Promise<StoredObject | null> {
    const file = this.file(key);
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const { size } = await handle.stat();
    return { body: handle.createReadStream(), sizeBytes: size };
  }

  async delete(keys: readonly string[]): Promise<void> {
    const dirs = new Set<string>();
    for (const key of keys) {
      const file = this.file(key);
      await fsp.rm(file, { force: true });
      dirs.add(path.dirname(file));
    }
    // A photo's directory goes with its last file (rmdir refuses a non-empty one).
    for (const dir of dirs) {
      if (dir.startsWith(this.root) && dir !== this.root) await fsp.rmdir(dir).catch(() => undefined);
    }
  }

  async check(): Promise<void> {
    await fsp.mkdir(this.root, { recursive: true });
    await fsp.access(this.root, fs.constants.W_OK);
  }
}

/** An S3-compatible bucket (AWS S3, MinIO, R2…), through the AWS SDK v3 client. */
export class S3PhotoStore implements PhotoStore {
  readonly kind = 's3' as const;

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly prefix: string,
  ) {}

  private key(key: string): string {
    return this.prefix ? `${this.prefix}/${checkKey(key)}` : checkKey(key);
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: this.key(key), Body: body, ContentType: contentType }),
    );
  }

  async get(key: string): Promise<StoredObject | null> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.key(key) }));
      return { body: out.Body as Readable, sizeBytes: out.ContentLength ?? 0 };
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null;
      throw error;
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    // One request per object: every S3-compatible server supports it (not all take DeleteObjects).
    await Promise.all(
      keys.map((key) => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(key) }))),
    );
  }

  async check(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }
}

/** The store the configuration names: S3-compatible when PHOTO_STORE_URL is set, else DATA_DIR/photos. */
export function openPhotoStore(
  config: Pick<
    Config,
    | 'DATA_DIR'
    | 'PHOTO_STORE_URL'
    | 'PHOTO_STORE_ENDPOINT'
    | 'PHOTO_STORE_REGION'
    | 'PHOTO_STORE_ACCESS_KEY_ID'
    | 'PHOTO_STORE_SECRET_ACCESS_KEY'
  >,
): PhotoStore {
  if (!config.PHOTO_STORE_URL) return new DiskPhotoStore(path.join(config.DATA_DIR, 'photos'));
  const url = new URL(config.PHOTO_STORE_URL);
  const prefix = url.pathname.replace(/^\/+|\/+$/g, '');
  const client = new S3Client({
    region: config.PHOTO_STORE_REGION,
    ...(config.PHOTO_STORE_ENDPOINT ? { endpoint: config.PHOTO_STORE_ENDPOINT, forcePathStyle: true } : {}),
    ...(config.PHOTO_STORE_ACCESS_KEY_ID && config.PHOTO_STORE_SECRET_ACCESS_KEY
      ? {
          credentials: {
            accessKeyId: config.PHOTO_STORE_ACCESS_KEY_ID,
            secretAccessKey: config.PHOTO_STORE_SECRET_ACCESS_KEY,
          },
        }
      : {}),
    // Checksums only where S3 requires them: S3-compatible servers differ in the newer checksum headers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return new S3PhotoStore(client, url.hostname, prefix);
}
