import type { EntityManager } from '@mikro-orm/sql';
import { RateLimiterPostgres, type RateLimiterAbstract, type RateLimiterRes } from 'rate-limiter-flexible';
import { rateLimited } from '@groundwork/shared';

// Failed sign-ins: per account (stops guessing one password) and per client address (stops
// spraying many). Counted in PostgreSQL, so every instance on the database sees the same counts.
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_ADDRESS = 30;
const WINDOW_SECONDS = 15 * 60;
const TABLE = 'login_failures';

type PgQuery = { text: string; values?: unknown[] };
type PgResult = { rows: Record<string, unknown>[]; rowCount: number };

/**
 * rate-limiter-flexible's PostgreSQL store speaks node-postgres (`query({ text, values })`
 * with `$n` placeholders, `rows` and `rowCount` back). This adapter runs its statements
 * through MikroORM's connection instead, so the same store works on PostgreSQL and on the
 * embedded PGlite, on the pool the application already has.
 */
function storeClient(em: EntityManager) {
  return {
    async query({ text, values = [] }: PgQuery): Promise<PgResult> {
      // MikroORM binds `?` in order; the library numbers its parameters and repeats some.
      const params: unknown[] = [];
      const sql = text.replace(/\$(\d+)/g, (_match, n: string) => {
        params.push(values[Number(n) - 1]);
        return '?';
      });
      const result = (await em.getConnection().execute(sql, params, 'run')) as unknown as {
        affectedRows: number;
        rows: Record<string, unknown>[];
      };
      // `expire` is a bigint column: the drivers hand it back as a string (or bigint); the store does arithmetic on it.
      const rows = result.rows.map((row) => ({
        ...row,
        ...('expire' in row ? { expire: row.expire === null ? null : Number(row.expire) } : {}),
        ...('points' in row ? { points: Number(row.points) } : {}),
      }));
      // A select's affected count is 0 on PGlite: rows found are what the store means by rowCount then.
      return { rows, rowCount: rows.length > 0 ? rows.length : result.affectedRows };
    },
  };
}

function limiter(em: EntityManager, keyPrefix: string, points: number): RateLimiterAbstract {
  return new RateLimiterPostgres({
    storeClient: storeClient(em),
    storeType: 'client',
    tableName: TABLE,
    // The table comes from a migration; expired rows are deleted by `recordFailure`, not by a library timer.
    tableCreated: true,
    clearExpiredByTimeout: false,
    keyPrefix,
    points,
    duration: WINDOW_SECONDS,
  });
}

/** The sign-in limits for one request (the limiters are cheap: state lives in the table). */
export class LoginLimits {
  private readonly byEmail: RateLimiterAbstract;
  private readonly byAddress: RateLimiterAbstract;

  constructor(private readonly em: EntityManager) {
    this.byEmail = limiter(em, 'login-email', MAX_FAILURES_PER_EMAIL);
    this.byAddress = limiter(em, 'login-ip', MAX_FAILURES_PER_ADDRESS);
  }

  /** RATE_LIMITED, with when to try again, if the account or the address has used up its failures. */
  async assertNotLimited(email: string, address: string): Promise<void> {
    const [byEmail, byAddress] = await Promise.all([this.byEmail.get(email), this.byAddress.get(address)]);
    const blocked = [exhausted(byEmail, MAX_FAILURES_PER_EMAIL), exhausted(byAddress, MAX_FAILURES_PER_ADDRESS)].filter(
      (r) => r !== null,
    );
    if (blocked.length > 0) {
      const seconds = Math.ceil(Math.max(...blocked.map((r) => r.msBeforeNext)) / 1000);
      throw rateLimited(`Too many failed sign-in attempts; try again in ${Math.ceil(seconds / 60)} min.`, seconds);
    }
  }

  async recordFailure(email: string, address: string): Promise<void> {
    await Promise.all([this.byEmail.penalty(email, 1), this.byAddress.penalty(address, 1)]);
    // Keeps the table to the last window's failures (indexed on expire: a cheap delete).
    await this.em.getConnection().execute(`delete from "${TABLE}" where "expire" < ?`, [Date.now()], 'run');
  }

  /** A correct password clears the account's count (not the address's: one success must not unlock spraying). */
  async recordSuccess(email: string): Promise<void> {
    await this.byEmail.delete(email);
  }
}

function exhausted(res: RateLimiterRes | null, max: number): RateLimiterRes | null {
  return res && res.consumedPoints >= max ? res : null;
}
