import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import {
  ACCOUNT_READER_ROLES,
  REPORT_DEFAULT_PROOF_PAIRS,
  badInput,
  gone,
  reportPeriod,
  notFound,
  requireInt,
} from '@groundwork/shared';
import type { RequestContext } from '../../platform/context.js';
import { AccessPolicy } from '../auth/index.js';
import { CustomerReportService } from './customer-report.service.js';
import type { CustomerReportInput } from './customer-report.inputs.js';
import type { CustomerReport } from './customer-report.types.js';
import { customerReportPdf, pairPhotos, reportFileName } from './customer-report.pdf.js';
import { reportEmail, sendReportEmail } from './report-mail.service.js';
import { CustomerReportShareRecord, CustomerReportShareView } from './report-share.entity.js';

/** A token of 256 random bits: not guessable, and only its SHA-256 is stored. */
const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const MAX_PICKED = 50;

export function hashShareToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether a string could be a share token at all (anything else is not looked up). */
export function isShareTokenShaped(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

type ShareInput = Omit<CustomerReportInput, 'proofIssueIds'> & {
  proofIssueIds?: string[] | null;
  expiresInDays?: number | null;
};

/** A shared report as its sender's list shows it. */
export interface ReportShareView {
  id: string;
  from: string;
  to: string;
  propertyId: string | null;
  proofIssueIds: string[];
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  viewCount: number;
  lastViewedAt: Date | null;
  /** The public link: only in the answer of the mutation that created it (only its hash is kept). */
  url: string | null;
}

/**
 * Sharing a customer report by link: who may share (whoever may read the
 * report), what is frozen at sharing (the period, the pairs), expiry and
 * revocation, and the record of each opening.
 */
export class ReportShareService {
  private readonly access: AccessPolicy;

  constructor(private readonly ctx: RequestContext) {
    this.access = new AccessPolicy(ctx);
  }

  async share(input: ShareInput): Promise<ReportShareView> {
    const prepared = await this.prepare(input);
    await this.ctx.em.flush();
    return prepared.view;
  }

  /**
   * Shares the report by link and emails it to the account's contacts (all of
   * them with an email, or those named): a short summary, the link, the PDF.
   * The link is kept only once the mail server took the message.
   */
  async email(
    input: ShareInput & { recipients?: string[] | null },
  ): Promise<{ share: ReportShareView; sentTo: string[] }> {
    const prepared = await this.prepare(input);
    const contacts = await this.ctx.em.execute<{ email: string }[]>(
      `select distinct lower(email) as email from contacts where account_id = ? and email is not null and email <> ''
       order by 1`,
      [prepared.report.accountId],
    );
    const known = contacts.map((c) => c.email);
    let to: string[];
    if (input.recipients && input.recipients.length > 0) {
      to = [...new Set(input.recipients.map((r) => r.trim().toLowerCase()))];
      const stranger = to.find((r) => !known.includes(r));
      if (stranger) throw badInput('input.recipients', `${stranger} is not a contact of this account`);
    } else {
      to = known;
    }
    if (to.length === 0) throw badInput('input.recipients', 'the account has no contact with an email address');
    if (!this.ctx.files) throw new Error('report email needs the photo store in the request context');
    const companyName = this.ctx.config.COMPANY_NAME ?? 'Groundwork';
    const pdf = await customerReportPdf(prepared.sharedReport, {
      companyName,
      timeZone: this.ctx.config.COMPANY_TIME_ZONE,
      photos: await pairPhotos(this.ctx.em, this.ctx.files, prepared.sharedReport),
    });
    const { subject, text } = reportEmail(prepared.sharedReport, {
      companyName,
      url: prepared.view.url!,
      expiresAt: prepared.view.expiresAt,
    });
    await sendReportEmail(this.ctx, { to, subject, text, pdf, pdfName: reportFileName(prepared.sharedReport) });
    await this.ctx.em.flush();
    return { share: prepared.view, sentTo: to };
  }

  /** Checks, computes and builds the share (persisted by the caller's flush), with its one-time link. */
  private async prepare(input: ShareInput) {
    const reports = this.ctx.service(CustomerReportService);
    const target = await reports.authorize(input);
    const days =
      input.expiresInDays === null || input.expiresInDays === undefined
        ? (this.ctx.config.REPORT_SHARE_DAYS ?? 30)
        : requireInt(input.expiresInDays, 'input.expiresInDays', { min: 1, max: 365 });
    const report = await reports.compute(target, input.proofIssueIds ?? null);
    let picked: string[];
    if (input.proofIssueIds) {
      if (input.proofIssueIds.length > MAX_PICKED) {
        throw badInput('input.proofIssueIds', `pick at most ${MAX_PICKED} pairs`);
      }
      const pairs = new Set(report.proofPairs.map((p) => p.issue.id));
      const stranger = input.proofIssueIds.find((id) => !pairs.has(id));
      if (stranger) {
        throw badInput('input.proofIssueIds', `${stranger} is not a fix with before and after photos in this report`);
      }
      picked = [...new Set(input.proofIssueIds)];
    } else {
      picked = report.proofPairs
        .filter((p) => p.chosen)
        .map((p) => p.issue.id)
        .slice(0, REPORT_DEFAULT_PROOF_PAIRS);
    }
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    const now = this.ctx.now();
    const viewer = this.access.viewer();
    const record = this.ctx.em.create(CustomerReportShareRecord, {
      tokenHash: hashShareToken(token),
      account: target.accountId,
      property: target.propertyId,
      fromDate: target.period.from,
      toDate: target.period.to,
      proofIssueIds: picked,
      createdBy: viewer.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + days * 86_400_000),
    });
    const base = this.ctx.config.PUBLIC_URL ?? this.ctx.requestOrigin ?? '';
    const chosen = new Set(picked);
    const sharedReport: CustomerReport = {
      ...report,
      proofPairs: report.proofPairs.filter((p) => chosen.has(p.issue.id)).map((p) => ({ ...p, chosen: true })),
    };
    return { report, sharedReport, view: { ...toView(record, 0, null), url: `${base}/r/${token}` } };
  }

  /**
   * Last month's report of every account the viewer reads as an account
   * reader, with when it was last shared for that period: "prepared" on the
   * 1st by the calendar itself, never sent without the account manager.
   */
  async drafts(): Promise<
    { accountId: string; accountName: string; from: string; to: string; sharedAt: Date | null }[]
  > {
    this.access.requireRole(ACCOUNT_READER_ROLES, 'see customer reports');
    const period = reportPeriod({}, this.ctx.now(), this.ctx.config.COMPANY_TIME_ZONE);
    const scope = this.access.andSql('Account', 'a');
    const rows = await this.ctx.em.execute<{ id: string; name: string; shared_at: Date | string | null }[]>(
      `select a.id, a.name,
         (select max(s.created_at) from customer_report_shares s
          where s.account_id = a.id and s.from_date = ? and s.to_date = ? and s.property_id is null) as shared_at
       from accounts a where true${scope.text}
       order by a.name, a.id limit 500`,
      [period.from, period.to, ...scope.params],
    );
    return rows.map((r) => ({
      accountId: r.id,
      accountName: r.name,
      from: period.from,
      to: period.to,
      sharedAt: r.shared_at === null ? null : new Date(r.shared_at),
    }));
  }

  /** Withdraws a link: it answers 410 from now on. Whoever may read the account's reports may revoke. */
  async revoke(id: string): Promise<ReportShareView> {
    const em = this.ctx.em;
    const record = await em.findOne(CustomerReportShareRecord, { id }, { populate: ['account'] });
    if (!record) throw notFound('CustomerReportShare', id, 'id');
    this.access.requireRole(ACCOUNT_READER_ROLES, 'withdraw shared reports');
    this.access.assertReads(
      'Account',
      { accountManagerId: record.account.accountManager.id },
      'withdraw this shared report',
    );
    record.revokedAt ??= this.ctx.now();
    await em.flush();
    const [stats] = await viewStats(em, [record.id]);
    return toView(record, stats?.n ?? 0, stats?.last ?? null);
  }

  /** An account's shared reports, newest first, with how often each was opened. */
  async ofAccount(accountId: string, accountManagerId: string): Promise<ReportShareView[]> {
    if (!this.access.canRead('Account', { accountManagerId })) return [];
    if (!ACCOUNT_READER_ROLES.includes(this.access.viewer().role)) return [];
    const em = this.ctx.em;
    const records = await em.find(
      CustomerReportShareRecord,
      { account: accountId },
      { orderBy: { createdAt: 'desc', id: 'asc' }, limit: 100 },
    );
    const stats = new Map(
      (
        await viewStats(
          em,
          records.map((r) => r.id),
        )
      ).map((s) => [s.share_id, s]),
    );
    return records.map((r) => toView(r, stats.get(r.id)?.n ?? 0, stats.get(r.id)?.last ?? null));
  }
}

function toView(r: CustomerReportShareRecord, viewCount: number, lastViewedAt: Date | string | null): ReportShareView {
  return {
    id: r.id,
    from: r.fromDate,
    to: r.toDate,
    propertyId: r.property?.id ?? null,
    proofIssueIds: r.proofIssueIds,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    revokedAt: r.revokedAt,
    viewCount,
    lastViewedAt: lastViewedAt === null ? null : new Date(lastViewedAt),
    url: null,
  };
}

async function viewStats(em: EntityManager, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return em.execute<{ share_id: string; n: number; last: Date | string | null }[]>(
    'select share_id, count(*)::int as n, max(at) as last from customer_report_share_views where share_id in (?) group by share_id',
    [[...ids]],
  );
}

/** What a shared link opens: the company's name and the report with only its chosen pairs. */
export interface SharedReport {
  companyName: string;
  shareId: string;
  report: CustomerReport;
}

/**
 * Opens a shared report by its token, for someone not signed in: an unknown
 * token is NOT_FOUND, an expired or withdrawn one GONE; every opening is
 * recorded (when, the address and browser as far as the request tells).
 */
export async function openSharedReport(
  ctx: RequestContext,
  token: string,
  visit: { address: string | null; userAgent: string | null; kind: 'PAGE' | 'PDF' | 'PHOTO' } | null,
): Promise<SharedReport> {
  if (!isShareTokenShaped(token)) throw notFound('CustomerReportShare', 'this link');
  const em = ctx.em;
  const record = await em.findOne(CustomerReportShareRecord, { tokenHash: hashShareToken(token) });
  if (!record) throw notFound('CustomerReportShare', 'this link');
  if (record.revokedAt) throw gone('This report link was withdrawn.', { reason: 'REVOKED' });
  if (record.expiresAt.getTime() <= ctx.now().getTime())
    throw gone('This report link has expired.', { reason: 'EXPIRED' });
  if (visit) {
    em.create(CustomerReportShareView, {
      share: record,
      at: ctx.now(),
      address: visit.address?.slice(0, 64) ?? null,
      userAgent: visit.userAgent?.slice(0, 300) ?? null,
      kind: visit.kind,
    });
    await em.flush();
  }
  const reports = new CustomerReportService(ctx);
  const target = await reports.target(record.account.id, record.property?.id ?? null, {
    from: record.fromDate,
    to: record.toDate,
  });
  const report = await reports.compute(target, record.proofIssueIds);
  return {
    companyName: ctx.config.COMPANY_NAME ?? 'Groundwork',
    shareId: record.id,
    report: { ...report, proofPairs: report.proofPairs.filter((p) => p.chosen) },
  };
}
