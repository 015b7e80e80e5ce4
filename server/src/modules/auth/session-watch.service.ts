import type { EntityManager } from '@mikro-orm/sql';
import { SESSION_REFUSED_CLOSE_CODE } from '@groundwork/shared';
import type { Viewer } from '../../platform/context.js';
import type { Logger } from '../../platform/logger.js';
import { User } from '../users/index.js';

/** The end of a socket the watch may close. */
export interface WatchedSocket {
  readonly readyState: number;
  close(code: number, reason: string): void;
}

// WebSocket readyState: CLOSING and CLOSED.
const CLOSING = 2;

interface Watched {
  viewer: Viewer;
  expiresAt: number;
  timer: NodeJS.Timeout | null;
}

// setTimeout's ceiling (~24.8 days): a later expiry is left to the periodic check.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Keeps open sockets to the session they were opened with. A socket is
 * authenticated once, in connection_init, and may stay open for hours: it is
 * closed with 4403 when its token expires (a timer at the expiry), and when its
 * user is removed or disabled or their role or crew changes (every
 * `intervalSeconds`, one query for the users of all this instance's sockets).
 * The client then checks its session and signs in again.
 */
export class SessionWatch {
  private readonly sockets = new Map<WatchedSocket, Watched>();
  private interval: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;

  constructor(private readonly options: { em: () => EntityManager; intervalSeconds: number; logger: Logger }) {}

  start(): void {
    this.interval ??= setInterval(() => void this.check(), this.options.intervalSeconds * 1000);
    this.interval.unref();
  }

  /** Watches a socket whose connection_init was accepted for `viewer`, with a token valid until `expiresAt`. */
  add(socket: WatchedSocket, viewer: Viewer, expiresAt: Date): void {
    this.remove(socket);
    // Closed while its token was being checked: its close has already been handled, nothing to watch.
    if (socket.readyState >= CLOSING) return;
    const delay = expiresAt.getTime() - Date.now();
    const watched: Watched = { viewer, expiresAt: expiresAt.getTime(), timer: null };
    this.sockets.set(socket, watched);
    if (delay <= 0) return this.end(socket, 'Session expired');
    if (delay <= MAX_TIMER_MS) {
      watched.timer = setTimeout(() => this.end(socket, 'Session expired'), delay);
      watched.timer.unref();
    }
  }

  remove(socket: WatchedSocket): void {
    const watched = this.sockets.get(socket);
    if (!watched) return;
    if (watched.timer) clearTimeout(watched.timer);
    this.sockets.delete(socket);
  }

  /** Compares every watched socket's session with its user as stored now; closes the ones that no longer hold. */
  check(): Promise<void> {
    // One check at a time: a slow database must not pile queries up.
    this.checking ??= this.runCheck().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  async stop(): Promise<void> {
    if (this.interval) clearInterval(this.interval);
    this.interval = null;
    for (const socket of [...this.sockets.keys()]) this.remove(socket);
    await this.checking;
  }

  private async runCheck(): Promise<void> {
    // Only the sockets open when the users are read are judged by what was read.
    const snapshot = [...this.sockets];
    if (snapshot.length === 0) return;
    const ids = [...new Set(snapshot.map(([, watched]) => watched.viewer.id))];
    let users: User[];
    try {
      users = await this.options.em().find(User, { id: { $in: ids } });
    } catch (error) {
      // Not knowing is not a reason to sign anyone out: the next check tries again.
      this.options.logger.warn({ err: error }, 'checking the sessions of open sockets failed');
      return;
    }
    const byId = new Map(users.map((user) => [user.id, user]));
    const now = Date.now();
    for (const [socket, watched] of snapshot) {
      if (this.sockets.get(socket) !== watched) continue;
      const reason = endReason(watched, byId.get(watched.viewer.id), now);
      if (reason) this.end(socket, reason);
    }
  }

  private end(socket: WatchedSocket, reason: string): void {
    this.remove(socket);
    socket.close(SESSION_REFUSED_CLOSE_CODE, reason);
  }
}

function endReason(watched: Watched, user: User | undefined, now: number): string | null {
  if (!user) return 'Account removed';
  if (user.disabledAt) return 'Account disabled';
  // Role and crew decide what the socket's subscriptions may deliver (EventAudience).
  if (user.role !== watched.viewer.role || (user.crew?.id ?? null) !== watched.viewer.crewId) return 'Access changed';
  if (watched.expiresAt <= now) return 'Session expired';
  return null;
}
