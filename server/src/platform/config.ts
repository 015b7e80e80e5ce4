import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_HEALTH_CONFIG, HealthConfigError, parseHealthConfig, type HealthConfig } from '@groundwork/shared';

/** The repository root: src/app and dist/app sit at the same depth. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

// Names express's `trust proxy` (proxy-addr) knows for address ranges.
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** One entry of TRUST_PROXY: a range name, an address, or an address/prefix (CIDR). */
function isProxyEntry(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = net.isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Which peers may say who the client is (X-Forwarded-For): a comma-separated
 * list for express's `trust proxy`, or `none`. Anyone else's X-Forwarded-For is
 * ignored, so a client cannot pick the address its sign-in failures count against.
 */
const trustProxy = z
  .string()
  .transform((value) => value.split(',').map((entry) => entry.trim()))
  .superRefine((entries, ctx) => {
    if (entries.length === 1 && entries[0] === 'none') return;
    for (const entry of entries) {
      if (!isProxyEntry(entry)) {
        ctx.addIssue({
          code: 'custom',
          message: `"${entry}" is not an IP address, a CIDR range such as 10.0.0.0/8, or one of ${PROXY_RANGE_NAMES.join(', ')} (or the whole value none)`,
        });
      }
    }
  })
  .transform((entries) => (entries.length === 1 && entries[0] === 'none' ? [] : entries));

/** OpenFreeMap's "liberty" style: vector streets with no key and no sign-up (https://openfreemap.org). */
export const DEFAULT_MAP_STYLE_URL = 'https://tiles.openfreemap.org/styles/liberty';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default(path.join(REPO_ROOT, '.groundwork')),
  /** Seed the demo company into an empty database at start. */
  DEMO_SEED: boolean.optional(),
  COMPANY_TIME_ZONE: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as America/Denver')
    .default('America/Denver'),
  /**
   * The basemap's maplibre style: by default OpenFreeMap's free, key-less streets; `none` = the
   * built-in plain style only (offline installs, tests). The web falls back to that style whenever this one cannot load.
   */
  MAP_STYLE_URL: z
    .union([z.literal('none'), z.url()])
    .default(DEFAULT_MAP_STYLE_URL)
    .transform((value) => (value === 'none' ? null : value)),
  WEB_DIST: z.string().default(path.join(REPO_ROOT, 'web', 'dist')),
  /** Signs session tokens. Required in production; development uses a per-process random key. */
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** How long the event log keeps events (subscribers can resume within it). */
  OPS_EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  /** Bytes a subscriber's socket may hold unsent before it is disconnected (it resumes from its cursor). */
  SUBSCRIBER_BUFFER_BYTES: z.coerce.number().int().min(1_024).max(1_073_741_824).default(1_048_576),
  /** Live events a subscriber may have waiting while it replays from its cursor, before it is disconnected. */
  SUBSCRIBER_BUFFER_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  /** A JSON file replacing the built-in account-health weights and thresholds (every key required). */
  HEALTH_CONFIG_FILE: z.string().min(1).optional(),
  /** How often the accounts whose health a passing moment changed (a flag age, a due date) are recomputed. */
  HEALTH_SWEEP_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** How often every account's health is recomputed for slow drift (ages, windows); also on each new company day. */
  HEALTH_FULL_SWEEP_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3_600),
  /** Proxies trusted to report the client's address (X-Forwarded-For): what sign-in limits count per address. */
  TRUST_PROXY: trustProxy.default(['loopback']),
  /** How often each instance checks that its open sockets' users are still enabled and unchanged (else 4403). */
  SESSION_CHECK_SECONDS: z.coerce.number().int().min(1).max(60).default(30),
  /**
   * Where photos are kept: unset = files under DATA_DIR/photos; `s3://bucket` or `s3://bucket/prefix` =
   * an S3-compatible store (AWS S3, MinIO, R2…), reached at PHOTO_STORE_ENDPOINT when it is not AWS.
   */
  PHOTO_STORE_URL: z
    .string()
    .regex(
      /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[A-Za-z0-9._/-]*)?$/,
      'must be s3://bucket or s3://bucket/prefix',
    )
    .optional(),
  /** An S3-compatible endpoint (path-style requests), e.g. http://minio:9000. Unset = AWS. */
  PHOTO_STORE_ENDPOINT: z.url().optional(),
  PHOTO_STORE_REGION: z.string().min(1).default('us-east-1'),
  /** Credentials for the store; unset = the AWS SDK's usual chain (AWS_ACCESS_KEY_ID, instance roles…). */
  PHOTO_STORE_ACCESS_KEY_ID: z.string().min(1).optional(),
  PHOTO_STORE_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** How often uploads never attached to an Issue or Enhancement are looked for and deleted. */
  PHOTO_SWEEP_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3_600),
  /** The company's name as customers read it (shared reports, their PDF). */
  COMPANY_NAME: z.string().trim().min(1).max(120).default('Groundwork Landscapes'),
  /**
   * The address customers reach the product at (links in shared reports), e.g. https://ops.example.com.
   * Unset: taken from the request that creates the link (its Host, behind TRUST_PROXY's proxies).
   */
  PUBLIC_URL: z
    .url()
    .transform((value) => value.replace(/\/+$/, ''))
    .optional(),
  /**
   * Where report emails are sent through: smtp://user:pass@host:587 or smtps://… (nodemailer's URL).
   * Unset: the product sends no email (the share link can still be copied).
   */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** The sender of report emails, e.g. "Groundwork Landscapes <reports@example.com>". */
  MAIL_FROM: z.string().trim().min(3).max(200).default('Groundwork <reports@localhost>'),
  /** How long a shared report link works unless its sender says otherwise. */
  REPORT_SHARE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof schema> & { embedded: boolean; demoSeed: boolean; health: HealthConfig };

/** Reads and validates the environment once; a bad value stops the start with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (parsed.data.NODE_ENV === 'production' && !parsed.data.AUTH_SECRET) {
    throw new ConfigError('Invalid configuration:\n  AUTH_SECRET: is required in production (at least 32 characters)');
  }
  const embedded = !parsed.data.DATABASE_URL;
  // Demo users have a published password: never load them into a production install unasked.
  const demoSeed = parsed.data.DEMO_SEED ?? (embedded && parsed.data.NODE_ENV !== 'production');
  return { ...parsed.data, embedded, demoSeed, health: loadHealthConfig(parsed.data.HEALTH_CONFIG_FILE) };
}

/** The built-in health model, or the file's: unreadable or invalid is refused with the bad key named. */
function loadHealthConfig(file: string | undefined): HealthConfig {
  if (!file) return DEFAULT_HEALTH_CONFIG;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`Invalid configuration:\n  HEALTH_CONFIG_FILE: cannot read ${file} as JSON (${reason})`);
  }
  try {
    return parseHealthConfig(raw, `health configuration in HEALTH_CONFIG_FILE (${file})`);
  } catch (error) {
    if (error instanceof HealthConfigError) throw new ConfigError(error.message);
    throw error;
  }
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}
