import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { EntityManager } from '@mikro-orm/sql';
import { DomainError, badInput, requireText, unauthenticated, type Role } from '@groundwork/shared';
import type { Viewer } from '../../platform/context.js';
import { User } from '../users/index.js';
import { LoginLimits } from './login-limit.service.js';

export const SESSION_COOKIE = 'gw_session';
const TOKEN_TTL_SECONDS = 12 * 60 * 60;
const ISSUER = 'groundwork';

// argon2id with OWASP's minimum parameters (19 MiB, 2 passes).
const ARGON2_OPTIONS = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

let secret: Uint8Array | null = null;

/** Sets the signing key; without one (development) a random key lives as long as the process. */
export function configureAuthSecret(value: string | undefined): void {
  secret = value ? new TextEncoder().encode(value) : randomBytes(32);
  verified.clear();
}

function key(): Uint8Array {
  if (!secret) configureAuthSecret(undefined);
  return secret!;
}

export async function signToken(user: Pick<User, 'id' | 'role'>, ttlSeconds = TOKEN_TTL_SECONDS): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: user.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.id)
    .setIssuer(ISSUER)
    .setIssuedAt(Math.min(now, now + ttlSeconds))
    .setExpirationTime(now + ttlSeconds)
    .sign(key());
}

/** The user id in a valid token, or an UNAUTHENTICATED error saying what is wrong with it. */
export async function verifyToken(token: string): Promise<string> {
  return (await verifyTokenClaims(token)).userId;
}

/**
 * Tokens whose signature and claims checked out, by token, until they expire: every request
 * carries its token and checking the HMAC again each time was a few per cent of a write's CPU.
 * Only what the token itself says is kept (subject, expiry); who the user is now is still read
 * per request (sessionFromToken). Bounded: the oldest entry goes first when full.
 */
const verified = new Map<string, { userId: string; expiresAt: Date }>();
const VERIFIED_MAX = 10_000;

/** The user id and expiry of a valid token, or an UNAUTHENTICATED error saying what is wrong with it. */
async function verifyTokenClaims(token: string): Promise<{ userId: string; expiresAt: Date }> {
  const known = verified.get(token);
  // jose's rule: a token is expired once its `exp` second has begun.
  if (known && Math.floor(Date.now() / 1000) < known.expiresAt.getTime() / 1000) return known;
  if (known) verified.delete(token);
  const claims = await verifySignedToken(token);
  if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
  verified.set(token, claims);
  return claims;
}

async function verifySignedToken(token: string): Promise<{ userId: string; expiresAt: Date }> {
  try {
    const { payload } = await jwtVerify(token, key(), {
      issuer: ISSUER,
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
    });
    if (!payload.sub) throw unauthenticated('The session token has no subject.');
    return { userId: payload.sub, expiresAt: new Date(payload.exp! * 1000) };
  } catch (error) {
    if (error instanceof DomainError) throw error;
    if (error instanceof joseErrors.JWTExpired) {
      throw unauthenticated('Your session has expired; sign in again.');
    }
    throw unauthenticated('The session token is not valid; sign in again.');
  }
}

export async function login(
  em: EntityManager,
  email: unknown,
  password: unknown,
  address = 'unknown',
): Promise<{ token: string; user: User }> {
  const cleanEmail = requireText(email, 'email', { max: 254 }).toLowerCase();
  if (typeof password !== 'string' || password.length === 0) throw badInput('password', 'must not be empty');
  if (password.length > 1024) throw badInput('password', 'must be at most 1024 characters');
  const limits = new LoginLimits(em);
  await limits.assertNotLimited(cleanEmail, address);
  const user = await em.findOne(User, { email: cleanEmail }, { populate: ['passwordHash'] });
  // Verify against a dummy hash when the user is unknown so timing does not reveal which emails exist.
  const storedHash = user?.passwordHash ?? (await dummyHash());
  const ok = await verify(storedHash, password).catch(() => false);
  if (!user || !user.passwordHash || !ok) {
    await limits.recordFailure(cleanEmail, address);
    throw unauthenticated('Email or password is incorrect.');
  }
  await limits.recordSuccess(cleanEmail);
  // Said only to someone who knows the password.
  if (user.disabledAt) throw disabled();
  return { token: await signToken(user), user };
}

let dummy: Promise<string> | null = null;
function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  return dummy;
}

export async function viewerFromToken(em: EntityManager, token: string): Promise<Viewer> {
  return (await sessionFromToken(em, token)).viewer;
}

/**
 * Who a token speaks for, as the database has them now (role and crew are read, not
 * trusted from the token), and until when. A removed or disabled user is refused.
 */
export async function sessionFromToken(em: EntityManager, token: string): Promise<{ viewer: Viewer; expiresAt: Date }> {
  const { userId, expiresAt } = await verifyTokenClaims(token);
  // Every request asks this: one plain statement, not an entity (the request never needs the User itself).
  const [user] = await em
    .getConnection()
    .execute<{ id: string; role: Role; crew_id: string | null; disabled_at: unknown }[]>(
      'select u.id, u.role, u.crew_id, u.disabled_at from users u where u.id = ?',
      [userId],
    );
  if (!user) throw unauthenticated('The account behind this session no longer exists.');
  if (user.disabled_at !== null) throw disabled();
  return { viewer: { id: user.id, role: user.role, crewId: user.crew_id }, expiresAt };
}

function disabled(): DomainError {
  return unauthenticated('This account has been disabled; ask an administrator.');
}

/** Reads `Authorization: Bearer …` or the session cookie; no credentials → anonymous. */
export async function viewerFromRequest(
  req: { headers: Record<string, string | string[] | undefined> },
  em: EntityManager,
): Promise<{ viewer: Viewer | null; authError: DomainError | null }> {
  const token = tokenFromHeaders(req.headers);
  if (!token) return { viewer: null, authError: null };
  try {
    return { viewer: await viewerFromToken(em, token), authError: null };
  } catch (error) {
    if (error instanceof DomainError) return { viewer: null, authError: error };
    throw error;
  }
}

export function tokenFromHeaders(headers: Record<string, string | string[] | undefined>): string | null {
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7).trim() || null;
  const cookie = headers.cookie;
  if (typeof cookie !== 'string') return null;
  for (const part of cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return null;
}

export const SESSION_TTL_SECONDS = TOKEN_TTL_SECONDS;

/**
 * The viewer, or UNAUTHENTICATED: for operations that need someone to act as.
 * A request that carried a bad or expired token is told so, not just "sign in".
 */
export function requireViewer(ctx: { viewer: Viewer | null; authError?: DomainError | null }): Viewer {
  if (ctx.viewer) return ctx.viewer;
  throw ctx.authError ?? unauthenticated('Sign in to do this.');
}
