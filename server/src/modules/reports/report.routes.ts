import { pipeline } from 'node:stream/promises';
import express, { type Request, type Response } from 'express';
import type { EntityManager } from '@mikro-orm/sql';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { DomainError, rateLimited, unauthenticated, unavailable } from '@groundwork/shared';
import type { Clock } from '../../platform/clock.js';
import type { Config } from '../../platform/config.js';
import { createRequestContext, type RequestContext } from '../../platform/context.js';
import { isDatabaseUnavailable } from '../../platform/db/database.js';
import { httpStatus } from '../../platform/graphql/errors.graphql.js';
import type { Logger } from '../../platform/logger.js';
import { viewerFromRequest } from '../auth/index.js';
import { photoObjectKeys, type PhotoStore } from '../photos/index.js';
import { CustomerReportService } from './customer-report.service.js';
import { customerReportPdf, pairPhotos, reportFileName } from './customer-report.pdf.js';
import type { CustomerReport } from './customer-report.types.js';
import { openSharedReport } from './report-share.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** Unknown links one address may try in ten minutes before it is refused (guessing a 256-bit token is hopeless anyway). */
export const SHARE_MISSES_PER_ADDRESS = 20;

export interface ReportRoutesDeps {
  fork: () => EntityManager;
  config: Config;
  clock: Clock;
  store: PhotoStore;
  logger: Logger;
}

/**
 * The customer report outside GraphQL:
 * - `GET /shared/reports/:token.json` and `.pdf`: a shared report, no sign-in;
 *   unknown → 404 (and counted: an address guessing is refused with 429),
 *   expired or withdrawn → 410 with the reason;
 * - `GET /shared/reports/:token/photos/:photoId/:variant`: only the photos that report shows;
 * - `GET /reports/customer.pdf?accountId&propertyId&from&to&pairs`: the signed-in PDF,
 *   with the same permission as the `customerReport` query.
 */
export function reportRoutes(deps: ReportRoutesDeps): express.Router {
  const router = express.Router();
  const misses = new RateLimiterMemory({ points: SHARE_MISSES_PER_ADDRESS, duration: 600 });
  const context = (em: EntityManager, viewer: RequestContext['viewer'] = null) =>
    createRequestContext({
      em,
      viewer,
      authError: null,
      config: deps.config,
      clock: deps.clock,
    });

  /** Opens the shared report, counting an unknown token against the caller's address. */
  async function open(req: Request, token: string, kind: 'PAGE' | 'PDF' | 'PHOTO') {
    const address = req.ip ?? 'unknown';
    const spent = await misses.get(address);
    if (spent && spent.remainingPoints <= 0) {
      throw rateLimited(
        'Too many unknown report links from this address; try again later.',
        Math.ceil(spent.msBeforeNext / 1000),
      );
    }
    const ctx = context(deps.fork());
    try {
      const shared = await openSharedReport(
        ctx,
        token,
        kind === 'PHOTO'
          ? null
          : {
              address,
              userAgent: req.get('user-agent') ?? null,
              kind,
            },
      );
      return { ctx, shared };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'NOT_FOUND') await misses.penalty(address, 1);
      throw error;
    }
  }

  router.get('/shared/reports/:file', (req, res) => {
    void (async () => {
      const file = String(req.params.file);
      const [, token, ext] = /^(.+)\.(json|pdf)$/.exec(file) ?? [];
      if (!token) throw new DomainError('NOT_FOUND', 'No such report');
      noStore(res);
      const { shared } = await open(req, token, ext === 'pdf' ? 'PDF' : 'PAGE');
      if (ext === 'json') {
        res.json({ companyName: shared.companyName, report: shared.report });
        return;
      }
      const pdf = await customerReportPdf(shared.report, {
        companyName: shared.companyName,
        timeZone: deps.config.COMPANY_TIME_ZONE,
        photos: await pairPhotos(deps.fork(), deps.store, shared.report),
      });
      sendPdf(res, pdf, shared.report);
    })().catch((error) => answerError(res, error, deps.logger));
  });

  router.get('/shared/reports/:token/photos/:photoId/:variant', (req, res) => {
    void (async () => {
      const { token, photoId, variant } = req.params as Record<string, string>;
      if (!UUID.test(photoId!) || (variant !== 'thumb' && variant !== 'display')) {
        throw new DomainError('NOT_FOUND', 'No such photo');
      }
      const { shared } = await open(req, token!, 'PHOTO');
      if (!shownPhotoIds(shared.report).has(photoId!.toLowerCase()))
        throw new DomainError('NOT_FOUND', 'No such photo');
      const [row] = await deps
        .fork()
        .execute<{ file_key: string }[]>('select file_key from photos where id = ?', [photoId]);
      const object = row && (await deps.store.get(photoObjectKeys(row.file_key)[variant as 'thumb' | 'display']));
      if (!object) throw new DomainError('NOT_FOUND', 'The file of this photo is missing');
      // Private: the link may be withdrawn; a day's cache is enough for the page's reloads.
      res.setHeader('Cache-Control', 'private, max-age=86400');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Type', 'image/jpeg');
      if (object.sizeBytes) res.setHeader('Content-Length', String(object.sizeBytes));
      await pipeline(object.body, res);
    })().catch((error) => answerError(res, error, deps.logger));
  });

  router.get('/reports/customer.pdf', (req, res) => {
    void (async () => {
      const em = deps.fork();
      const { viewer, authError } = await viewerFromRequest(req, em);
      if (!viewer) throw authError ?? unauthenticated();
      const q = req.query as Record<string, unknown>;
      const one = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
      const accountId = one(q.accountId);
      if (!accountId || !UUID.test(accountId))
        throw new DomainError('BAD_USER_INPUT', 'accountId: must be an id', { field: 'accountId' });
      const propertyId = one(q.propertyId);
      if (propertyId && !UUID.test(propertyId))
        throw new DomainError('BAD_USER_INPUT', 'propertyId: must be an id', { field: 'propertyId' });
      // `pairs=` (present and empty): no pair at all; absent: the most telling ones.
      const pairs = typeof q.pairs === 'string' ? q.pairs.split(',').filter(Boolean) : null;
      if (pairs && (pairs.length > 50 || !pairs.every((p) => UUID.test(p)))) {
        throw new DomainError('BAD_USER_INPUT', 'pairs: must be at most 50 Issue ids, comma-separated', {
          field: 'pairs',
        });
      }
      const ctx = context(em, viewer);
      const report = await ctx.service(CustomerReportService).build({
        accountId,
        propertyId,
        from: one(q.from),
        to: one(q.to),
        proofIssueIds: pairs,
      });
      noStore(res);
      const pdf = await customerReportPdf(report, {
        companyName: deps.config.COMPANY_NAME,
        timeZone: deps.config.COMPANY_TIME_ZONE,
        photos: await pairPhotos(deps.fork(), deps.store, report),
      });
      sendPdf(res, pdf, report);
    })().catch((error) => answerError(res, error, deps.logger));
  });

  return router;
}

/** The photos a report shows: its chosen pairs' and its Enhancements'. */
function shownPhotoIds(report: CustomerReport): Set<string> {
  return new Set(
    [
      ...report.proofPairs.filter((p) => p.chosen).flatMap((p) => [...p.beforePhotoIds, ...p.afterPhotoIds]),
      ...report.enhancementsApproved.flatMap((e) => e.photoIds),
      ...report.enhancementsAwaitingDecision.flatMap((e) => e.photoIds),
    ].map((id) => id.toLowerCase()),
  );
}

function sendPdf(res: Response, pdf: Buffer, report: CustomerReport): void {
  const name = reportFileName(report);
  res.status(200);
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Length', String(pdf.length));
  res.setHeader('Content-Disposition', `inline; filename="${name}"`);
  res.end(pdf);
}

function noStore(res: Response): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Robots-Tag', 'noindex');
}

/**
 * Domain errors with their status, as `{ error, field, message }` where `error` is the code, or for
 * a link that no longer works the reason (EXPIRED, REVOKED); anything else is ours: 500.
 */
function answerError(res: Response, error: unknown, logger: Logger): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (isDatabaseUnavailable(error)) error = unavailable();
  if (error instanceof DomainError) {
    if (error.code === 'RATE_LIMITED' && typeof error.details.retryAfterSeconds === 'number') {
      res.setHeader('Retry-After', String(error.details.retryAfterSeconds));
    }
    res.status(httpStatus(error.code)).json({
      error: typeof error.details.reason === 'string' ? error.details.reason : error.code,
      field: error.details.field ?? null,
      message: error.message,
    });
    return;
  }
  logger.error({ err: error }, 'report request failed');
  res.status(500).json({ error: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong on our side.' });
}
