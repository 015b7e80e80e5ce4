import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { photoObjectKeys } from '../src/modules/photos/index.js';
import { SHARE_MISSES_PER_ADDRESS } from '../src/modules/reports/report.routes.js';
import { BACKENDS, startTestServer, type TestServer } from './support/test-server.js';
import { REPORT_NOW, reportWorld } from './support/report-world.js';
import { startSmtpServer } from './support/smtp.js';

const SHARE = `mutation($input: ShareCustomerReportInput!) { shareCustomerReport(input: $input) {
  id url from to proofIssueIds createdAt expiresAt revokedAt viewCount } }`;
const SHARES = `query($id: ID!) { account(id: $id) { reportShares { id viewCount lastViewedAt revokedAt url } } }`;
const REVOKE = `mutation($id: ID!) { revokeCustomerReportShare(id: $id) { id revokedAt } }`;

// Words of the team's own figures: none may reach the customer, in the page's data or the PDF.
const INTERNAL = /health|revenue|renewal|risk|score\b|at.risk|annual value/i;

/** A world whose photos have real files in the server's store (a JPEG each, coloured by kind). */
async function world(server: TestServer) {
  const jpeg = (color: string) =>
    sharp({ create: { width: 64, height: 48, channels: 3, background: color } })
      .jpeg()
      .toBuffer();
  const [before, after] = await Promise.all([jpeg('#aa5522'), jpeg('#22aa55')]);
  return reportWorld(server, async (fileKey) => {
    const keys = photoObjectKeys(fileKey);
    const bytes = fileKey.endsWith('AFTER') ? after : before;
    await server.server.photos.store.put(keys.display, bytes, 'image/jpeg');
    await server.server.photos.store.put(keys.thumb, bytes, 'image/jpeg');
  });
}

const get = (server: TestServer, path: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { headers });

describe.each(BACKENDS)('shared customer reports (%s)', (backend) => {
  it('a link opens the report signed out, with only its pairs and photos, records each opening, and its PDF holds the figures', async () => {
    await using server = await startTestServer(backend, { HEALTH_SWEEP_SECONDS: '86400' }, { at: REPORT_NOW });
    const w = await world(server);
    const shared = await server.gql(SHARE, { input: { accountId: w.a.id, proofIssueIds: [w.i3, w.i1] } }, w.am1.token);
    expect(shared.errors).toBeUndefined();
    const share = shared.data!.shareCustomerReport;
    expect(share).toMatchObject({
      from: '2026-05-01',
      to: '2026-05-31',
      proofIssueIds: [w.i3, w.i1],
      revokedAt: null,
      viewCount: 0,
    });
    // 30 days by default.
    expect(Date.parse(share.expiresAt) - Date.parse(share.createdAt)).toBe(30 * 86_400_000);
    const token = new URL(share.url).pathname.replace('/r/', '');
    expect(share.url).toBe(`${server.url}/r/${token}`);
    // 256 random bits; only a hash is stored.
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await server
      .em()
      .getConnection()
      .execute<{ token_hash: string }[]>('select token_hash from customer_report_shares where id = ?', [share.id]);
    expect(row!.token_hash).not.toContain(token);

    const page = await get(server, `/shared/reports/${token}.json`, { 'user-agent': 'Customer Browser/1.0' });
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).not.toMatch(INTERNAL);
    const body = JSON.parse(text) as { companyName: string; report: Record<string, any> };
    expect(body.companyName).toBe('Groundwork Landscapes');
    expect(body.report).toMatchObject({
      accountName: 'Cherry Creek Office Park',
      found: 5,
      fixed: 5,
      fixedByNextVisitPercent: 50,
    });
    // Only the chosen pairs, in the ranking's order.
    expect(body.report.proofPairs.map((p: { issue: { id: string } }) => p.issue.id)).toEqual([w.i3, w.i1]);

    // Its photos, and no other: i4's pair was not chosen; ids outside the report are unknown.
    const [pair] = body.report.proofPairs as { beforePhotoIds: string[]; afterPhotoIds: string[] }[];
    const photo = await get(server, `/shared/reports/${token}/photos/${pair!.afterPhotoIds[0]}/display`);
    expect([photo.status, photo.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    expect((await sharp(Buffer.from(await photo.arrayBuffer())).metadata()).width).toBe(64);
    const [i4Photo] = await server
      .em()
      .getConnection()
      .execute<{ id: string }[]>(`select id from photos where issue_id = ? and kind = 'AFTER'`, [w.i4]);
    expect((await get(server, `/shared/reports/${token}/photos/${i4Photo!.id}/display`)).status).toBe(404);
    expect((await get(server, `/shared/reports/${token}/photos/${i4Photo!.id}/original`)).status).toBe(404);

    const pdf = await get(server, `/shared/reports/${token}.pdf`);
    expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    // Two pairs: two before and two after pictures (image objects counted before pdf.js takes the bytes).
    expect(
      Buffer.from(bytes)
        .toString('latin1')
        .match(/\/Subtype \/Image/g),
    ).toHaveLength(4);
    const { text: pages, totalPages } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
    expect(pages).toContain('Groundwork Landscapes');
    expect(pages).toContain('Value delivered to Cherry Creek Office Park');
    expect(pages).toContain('May 1, 2026 – May 31, 2026');
    expect(pages).toMatch(/Issues found\s*5/);
    expect(pages).toMatch(/Fixed by the next scheduled visit\s*50 % \(1 of 2\)/);
    // 48 h reads as days.
    expect(pages).toMatch(/Median time to fix, routine\s*2 days/);
    expect(pages).toMatch(/Median time to fix, urgent\s*9 h/);
    // Each pair's two captions, side by side.
    expect(pages.match(/^Before After$/gm)).toHaveLength(2);
    expect(pages).toContain(`Page ${totalPages} of ${totalPages}`);
    expect(pages).not.toMatch(INTERNAL);

    // Openings of the page and the PDF are recorded; photos are part of a page, not openings.
    const listed = await server.gql(SHARES, { id: w.a.id }, w.am1.token);
    expect(listed.data!.account.reportShares).toEqual([
      { id: share.id, viewCount: 2, lastViewedAt: expect.any(String), revokedAt: null, url: null },
    ]);
    expect(Date.parse(listed.data!.account.reportShares[0].lastViewedAt)).toBeGreaterThan(Date.parse(share.createdAt));
    const visits = await server
      .em()
      .getConnection()
      .execute<{ user_agent: string; kind: string }[]>(
        'select user_agent, kind from customer_report_share_views where share_id = ? order by kind',
        [share.id],
      );
    expect(visits).toEqual([
      { user_agent: 'Customer Browser/1.0', kind: 'PAGE' },
      { user_agent: 'node', kind: 'PDF' },
    ]);
  });

  it('withdrawn or expired links answer 410 with the reason; unknown ones 404, and an address that keeps guessing 429', async () => {
    await using server = await startTestServer(backend, { HEALTH_SWEEP_SECONDS: '86400' }, { at: REPORT_NOW });
    const w = await world(server);
    const share = async (input: Record<string, unknown>) => {
      const r = await server.gql(SHARE, { input: { accountId: w.a.id, ...input } }, w.am1.token);
      expect(r.errors).toBeUndefined();
      return r.data!.shareCustomerReport as { id: string; url: string; expiresAt: string };
    };
    const tokenOf = (s: { url: string }) => new URL(s.url).pathname.replace('/r/', '');
    const revoked = await share({});
    const short = await share({ expiresInDays: 1 });
    expect((await get(server, `/shared/reports/${tokenOf(revoked)}.json`)).status).toBe(200);
    // Someone else's account manager cannot withdraw it; its own can.
    const foreign = await server.gql(REVOKE, { id: revoked.id }, w.am2.token);
    expect(foreign.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await server.gql(REVOKE, { id: revoked.id }, w.am1.token)).errors).toBeUndefined();
    const withdrawn = await get(server, `/shared/reports/${tokenOf(revoked)}.json`);
    expect([withdrawn.status, (await withdrawn.json()).error]).toEqual([410, 'REVOKED']);
    expect((await get(server, `/shared/reports/${tokenOf(revoked)}.pdf`)).status).toBe(410);

    server.clock.set(new Date(Date.parse(short.expiresAt) + 1));
    const expired = await get(server, `/shared/reports/${tokenOf(short)}.json`);
    expect([expired.status, (await expired.json()).error]).toEqual([410, 'EXPIRED']);

    // A well-formed token nobody was given: 404, counted per address until it is refused.
    const guess = 'A'.repeat(43);
    for (let i = 0; i < SHARE_MISSES_PER_ADDRESS; i++) {
      const miss = await get(server, `/shared/reports/${guess}.json`);
      expect([miss.status, (await miss.json()).error]).toEqual([404, 'NOT_FOUND']);
    }
    const refused = await get(server, `/shared/reports/${guess}.json`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('shares and prints with the report’s permission, and refuses bad input by field', async () => {
    await using server = await startTestServer(backend, { HEALTH_SWEEP_SECONDS: '86400' }, { at: REPORT_NOW });
    const w = await world(server);
    const code = async (input: Record<string, unknown>, token: string) => {
      const r = await server.gql(SHARE, { input: { accountId: w.a.id, ...input } }, token);
      return r.errors ? [r.errors[0]!.extensions?.code, r.errors[0]!.extensions?.field ?? null] : 'OK';
    };
    expect(await code({}, w.ops.token)).toBe('OK');
    expect(await code({}, w.am2.token)).toEqual(['FORBIDDEN', null]);
    expect(await code({}, w.lead.token)).toEqual(['FORBIDDEN', null]);
    expect(await code({ expiresInDays: 0 }, w.am1.token)).toEqual(['BAD_USER_INPUT', 'input.expiresInDays']);
    // i2 has no after photo: not a pair of this report.
    expect(await code({ proofIssueIds: [w.i2] }, w.am1.token)).toEqual(['BAD_USER_INPUT', 'input.proofIssueIds']);
    // The crew lead's list of an account's shares is empty, not an error (no account access at all → refused earlier).
    const printed = await get(server, `/reports/customer.pdf?accountId=${w.a.id}&pairs=${w.i4}`, {
      authorization: `Bearer ${w.am1.token}`,
    });
    expect([printed.status, printed.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(await printed.arrayBuffer())), {
      mergePages: true,
    });
    expect(text.match(/^Before After$/gm)).toHaveLength(1);
    // Every pair unpicked (`pairs=`): a PDF without any.
    const none = await get(server, `/reports/customer.pdf?accountId=${w.a.id}&pairs=`, {
      authorization: `Bearer ${w.am1.token}`,
    });
    expect(none.status).toBe(200);
    const noneText = (
      await extractText(await getDocumentProxy(new Uint8Array(await none.arrayBuffer())), { mergePages: true })
    ).text;
    expect(noneText).toContain('No before-and-after photos in this period.');
    const refused = await get(server, `/reports/customer.pdf?accountId=${w.a.id}`, {
      authorization: `Bearer ${w.lead.token}`,
    });
    expect([refused.status, (await refused.json()).error]).toEqual([403, 'FORBIDDEN']);
    expect((await get(server, `/reports/customer.pdf?accountId=${w.a.id}`)).status).toBe(401);
    const bad = await get(server, `/reports/customer.pdf?accountId=${w.a.id}&from=2026-13-01`, {
      authorization: `Bearer ${w.am1.token}`,
    });
    expect([bad.status, (await bad.json()).field]).toEqual([400, 'input.from']);
  });

  it('emails the report to the account’s contacts through SMTP with the link and the PDF; nothing is kept when it cannot be sent', async () => {
    await using smtp = await startSmtpServer();
    await using server = await startTestServer(
      backend,
      {
        HEALTH_SWEEP_SECONDS: '86400',
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Groundwork Landscapes <reports@groundwork.example>',
      },
      { at: REPORT_NOW },
    );
    const w = await world(server);
    const EMAIL = `mutation($input: EmailCustomerReportInput!) { emailCustomerReport(input: $input) { sentTo share { id url } } }`;
    const shares = async () =>
      Number(
        (
          await server
            .em()
            .getConnection()
            .execute<{ n: string }[]>('select count(*)::text n from customer_report_shares')
        )[0]!.n,
      );

    const sent = await server.gql(EMAIL, { input: { accountId: w.a.id, proofIssueIds: [w.i3] } }, w.am1.token);
    expect(sent.errors).toBeUndefined();
    const { sentTo, share } = sent.data!.emailCustomerReport;
    // Every contact with an email, once, in lower case; the contact without one is not written to.
    expect(sentTo).toEqual(['lee@cherrycreek.example', 'pat@cherrycreek.example']);
    const [mail] = await smtp.waitFor(1);
    expect(mail!.from!.text).toBe('"Groundwork Landscapes" <reports@groundwork.example>');
    expect((Array.isArray(mail!.to) ? mail!.to : [mail!.to!]).flatMap((t) => t.value.map((v) => v.address))).toEqual(
      sentTo,
    );
    expect(mail!.subject).toBe('Groundwork Landscapes: your report for 2026-05-01 – 2026-05-31');
    expect(mail!.text).toContain(share.url);
    expect(mail!.text).toContain('5 issues found, 5 fixed, 50 % of routine fixes by the next scheduled visit');
    expect(mail!.text).toContain('2 site walks, with 1 before-and-after photo');
    expect(mail!.text).not.toMatch(INTERNAL);
    expect(mail!.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['Cherry-Creek-Office-Park-2026-05-01-2026-05-31.pdf', 'application/pdf'],
    ]);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(mail!.attachments[0]!.content)), {
      mergePages: true,
    });
    expect(text).toMatch(/Issues found\s*5/);
    expect(text.match(/^Before After$/gm)).toHaveLength(1);
    expect(text).not.toMatch(INTERNAL);
    // The link in the email works.
    expect((await fetch(share.url.replace(/\/r\//, '/shared/reports/') + '.json')).status).toBe(200);
    expect(await shares()).toBe(1);

    // Only the account's own contacts; another account's contact is refused by name, nothing sent or kept.
    const stranger = await server.gql(
      EMAIL,
      { input: { accountId: w.a.id, recipients: ['someone@other.example'] } },
      w.am1.token,
    );
    expect([stranger.errors![0]!.extensions!.code, stranger.errors![0]!.extensions!.field]).toEqual([
      'BAD_USER_INPUT',
      'input.recipients',
    ]);
    const one = await server.gql(
      EMAIL,
      { input: { accountId: w.a.id, recipients: ['Lee@CherryCreek.example'] } },
      w.am1.token,
    );
    expect(one.data!.emailCustomerReport.sentTo).toEqual(['lee@cherrycreek.example']);
    await smtp.waitFor(2);
    expect(await shares()).toBe(2);

    // The mail server gone: a coded "try again", and no link kept.
    await smtp[Symbol.asyncDispose]();
    const down = await server.gql(EMAIL, { input: { accountId: w.a.id } }, w.am1.token);
    expect(down.errors![0]!.extensions!.code).toBe('UNAVAILABLE');
    expect(await shares()).toBe(2);
    expect(smtp.messages).toHaveLength(2);
  });

  it("lists last month's reports ready to send, per account the viewer manages, and when each was shared", async () => {
    await using server = await startTestServer(backend, { HEALTH_SWEEP_SECONDS: '86400' }, { at: REPORT_NOW });
    const w = await world(server);
    const DRAFTS = '{ customerReportDrafts { accountId accountName from to sharedAt } }';
    expect((await server.gql(DRAFTS, {}, w.am1.token)).data!.customerReportDrafts).toEqual([
      {
        accountId: w.a.id,
        accountName: 'Cherry Creek Office Park',
        from: '2026-05-01',
        to: '2026-05-31',
        sharedAt: null,
      },
    ]);
    // A share of another period, or of one property, is not last month's account report.
    await server.gql(SHARE, { input: { accountId: w.a.id, from: '2026-04-01', to: '2026-04-30' } }, w.am1.token);
    await server.gql(SHARE, { input: { accountId: w.a.id, propertyId: w.p1.id } }, w.am1.token);
    expect((await server.gql(DRAFTS, {}, w.am1.token)).data!.customerReportDrafts[0].sharedAt).toBeNull();
    const shared = await server.gql(SHARE, { input: { accountId: w.a.id } }, w.am1.token);
    expect((await server.gql(DRAFTS, {}, w.am1.token)).data!.customerReportDrafts[0].sharedAt).toBe(
      shared.data!.shareCustomerReport.createdAt,
    );
    const all = (await server.gql(DRAFTS, {}, w.ops.token)).data!.customerReportDrafts;
    expect(all.map((d: { accountName: string }) => d.accountName)).toEqual([
      'Cherry Creek Office Park',
      'Other Customer',
    ]);
    expect((await server.gql(DRAFTS, {}, w.lead.token)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    // Without SMTP_URL, emailing is refused with a reason, not an error of ours.
    const email = await server.gql(
      `mutation($input: EmailCustomerReportInput!) { emailCustomerReport(input: $input) { sentTo } }`,
      { input: { accountId: w.a.id } },
      w.am1.token,
    );
    expect(email.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});
