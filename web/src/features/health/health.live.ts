import type { LiveFilter } from '../live/live.client';

/**
 * What the portfolio listens to. Every write recomputes the account's health
 * in its own transaction and announces a changed score or band with
 * ACCOUNT_HEALTH_CHANGED, so Issue and Enhancement events need not reload
 * the whole book themselves. A completed site walk can change renewal risk
 * ("no walk in the last 30 days") without moving the score, so it counts too.
 * Asking the server for just these keeps an executive's socket quiet on a busy day.
 */
export const PORTFOLIO_LIVE_FILTER: LiveFilter = {
  types: ['ACCOUNT_HEALTH_CHANGED', 'SITE_WALK_COMPLETED'],
};
