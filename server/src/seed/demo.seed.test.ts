import 'reflect-metadata';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH_CONFIG, ENHANCEMENT_STAGES, addDaysToDate, localDateOf } from '@groundwork/shared';
import { migrate, openDatabase, type Database } from '../app/db/database.js';
import { createLogger } from '../platform/logger.js';
import { HealthSweeper } from '../modules/health/index.js';
import { DiskPhotoStore, photoObjectKeys } from '../modules/photos/index.js';
import sharp from 'sharp';
import {
  DEMO_HEALTH_HISTORY_DAYS,
  DEMO_USERS,
  seedDemoIfEmpty,
  seedScale,
  truncateAllData,
  type SeedSummary,
} from './index.js';

// Seeds a throwaway embedded database and checks the result with SQL, the
// way the rest of the server will read it.
const timeZone = 'America/Denver';
const NOW = new Date('2026-11-22T19:00:00Z');

let dir: string;
let db: Database;
let summary: SeedSummary | null;

const sql = async <T = Record<string, unknown>>(query: string): Promise<T[]> => db.orm.em.fork().execute<T[]>(query);
const one = async <T = Record<string, unknown>>(query: string): Promise<T> => (await sql<T>(query))[0]!;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'groundwork-seed-'));
  db = await openDatabase({ dataDir: dir });
  await migrate(db);
  summary = await seedDemoIfEmpty(db.orm.em.fork(), {
    timeZone,
    now: NOW,
    photoStore: new DiskPhotoStore(path.join(dir, 'photos')),
  });
}, 180_000);

afterAll(async () => {
  await db?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('demo seed on the embedded database', () => {
  it('gives recent Issues a real before photo, resolved ones an after photo, open Enhancements a photo', async () => {
    const counts = await one<Record<string, number>>(`select
      (select count(*)::int from photos) photos,
      (select count(*)::int from issues where created_at >= '${new Date(NOW.getTime() - 120 * 86_400_000).toISOString()}') recent,
      (select count(*)::int from photos where kind = 'BEFORE' and issue_id is not null) before,
      (select count(*)::int from photos ph join issues i on i.id = ph.issue_id where ph.kind = 'AFTER' and i.resolved_at is null) after_unresolved,
      (select count(*)::int from issues i where i.resolved_at is not null and i.created_at >= '${new Date(NOW.getTime() - 120 * 86_400_000).toISOString()}'
         and not exists (select 1 from photos ph where ph.issue_id = i.id and ph.kind = 'AFTER')) resolved_without_after,
      (select count(*)::int from enhancements where stage not in ('COMPLETED', 'DECLINED')) open_enhancements,
      (select count(*)::int from photos where enhancement_id is not null) enhancement_photos`);
    expect(counts.photos).toBe(summary!.photos);
    expect(counts.before).toBe(counts.recent);
    expect(counts.before).toBeGreaterThan(100);
    expect(counts.after_unresolved).toBe(0);
    expect(counts.resolved_without_after).toBe(0);
    expect(counts.enhancement_photos).toBe(counts.open_enhancements);
    // Every photo's files exist and are images of the size the row says.
    const store = new DiskPhotoStore(path.join(dir, 'photos'));
    const keys = await sql<{ file_key: string; width: number; height: number }>(
      'select distinct file_key, width, height from photos',
    );
    expect(keys.length).toBe(29); // 14 categories × before/after + the Enhancement scene
    for (const { file_key, width, height } of keys) {
      const object = await store.get(photoObjectKeys(file_key).original);
      expect(object).not.toBeNull();
      const chunks: Buffer[] = [];
      for await (const chunk of object!.body) chunks.push(chunk as Buffer);
      const meta = await sharp(Buffer.concat(chunks)).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', width, height]);
    }
  });

  it('seeds an empty database once, and only once', async () => {
    expect(summary).not.toBeNull();
    expect(summary!.accounts).toBe(60);
    expect(await seedDemoIfEmpty(db.orm.em.fork(), { timeZone, now: NOW })).toBeNull();
  });

  it('writes what it reports', async () => {
    const counts = await one<Record<string, number>>(`select
      (select count(*)::int from accounts) accounts, (select count(*)::int from properties) properties,
      (select count(*)::int from issues) issues, (select count(*)::int from site_walks) walks,
      (select count(*)::int from enhancements) enhancements, (select count(*)::int from users) users,
      (select count(*)::int from crews) crews, (select count(*)::int from service_lines) lines,
      (select count(*)::int from category_routes) routes, (select count(*)::int from issue_activities) activities,
      (select count(*)::int from account_plans) plans, (select count(*)::int from plan_reviews) reviews,
      (select count(*)::int from contacts) contacts, (select count(*)::int from service_schedules) schedules,
      (select count(*)::int from issues where status in ('OPEN', 'ASSIGNED', 'IN_PROGRESS')) open`);
    expect(counts).toMatchObject({
      accounts: 60,
      properties: summary!.properties,
      issues: summary!.issues,
      walks: summary!.siteWalks,
      enhancements: summary!.enhancements,
      users: DEMO_USERS.length,
      crews: 12,
      lines: 6,
      routes: 14,
      plans: 120,
      open: summary!.openIssues,
    });
    expect(counts.properties).toBeGreaterThanOrEqual(130);
    expect(counts.open).toBeGreaterThanOrEqual(200);
    expect(counts.open).toBeLessThanOrEqual(400);
    expect(counts.activities).toBeGreaterThan(counts.issues!);
    expect(counts.reviews).toBeGreaterThan(500);
    expect(counts.contacts).toBeGreaterThanOrEqual(60);
    expect(counts.schedules).toBeGreaterThan(counts.properties!);
  });

  it('stores valid boundaries with sensible areas inside the metro', async () => {
    const r = await one<Record<string, number>>(`select
      count(*) filter (where not ST_IsValid(boundary))::int invalid,
      count(*) filter (where ST_NumGeometries(boundary) > 1)::int multi,
      min(area_sqm) min_area, max(area_sqm) max_area,
      min(ST_X(centroid)) west, max(ST_X(centroid)) east, min(ST_Y(centroid)) south, max(ST_Y(centroid)) north
      from properties`);
    expect(r.invalid).toBe(0);
    expect(r.multi).toBeGreaterThan(0);
    expect(r.min_area).toBeGreaterThan(9_000);
    expect(r.max_area).toBeLessThan(200_000);
    expect(r.west).toBeGreaterThan(-105.15);
    expect(r.east).toBeLessThan(-104.75);
    expect(r.south).toBeGreaterThan(39.55);
    expect(r.north).toBeLessThan(39.95);
    const overlaps = await one<{ n: number }>(
      'select count(*)::int n from properties a join properties b on a.id < b.id and ST_Intersects(a.boundary, b.boundary)',
    );
    expect(overlaps.n).toBe(0);
  });

  it('puts every issue and enhancement inside its property boundary', async () => {
    const r = await one<{ issues: number; enhancements: number }>(`select
      (select count(*)::int from issues i join properties p on p.id = i.property_id where not ST_Covers(p.boundary, i.location)) issues,
      (select count(*)::int from enhancements e join properties p on p.id = e.property_id where not ST_Covers(p.boundary, e.location)) enhancements`);
    expect(r).toEqual({ issues: 0, enhancements: 0 });
  });

  it('has every enhancement stage, and demo users who can sign in with one shared hash', async () => {
    const stages = await sql<{ stage: string }>('select distinct stage from enhancements order by 1');
    expect(stages.map((s) => s.stage).sort()).toEqual([...ENHANCEMENT_STAGES].sort());
    const hashes = await one<{ n: number; hashed: number }>(
      `select count(distinct password_hash)::int n, count(*) filter (where password_hash like '$argon2id$%')::int hashed from users`,
    );
    expect(hashes).toEqual({ n: 1, hashed: DEMO_USERS.length });
  });

  it('starts with 90 days of daily health history and stored health the first sweep agrees with', async () => {
    const today = localDateOf(NOW, timeZone);
    const r = await one<Record<string, unknown>>(`select
      count(*)::int n, count(distinct account_id)::int accounts, count(distinct date)::int days,
      min(date)::text first, max(date)::text last,
      count(distinct (account_id, date))::int pairs, count(distinct score)::int scores
      from health_snapshots`);
    const days = DEMO_HEALTH_HISTORY_DAYS + 1;
    expect(r).toMatchObject({
      n: 60 * days,
      accounts: 60,
      days,
      pairs: 60 * days,
      first: addDaysToDate(today, -DEMO_HEALTH_HISTORY_DAYS),
      last: today,
    });
    expect(summary!.healthSnapshots).toBe(60 * days);
    // History, not one value copied back: scores move over the 90 days.
    expect(r.scores as number).toBeGreaterThan(10);
    const moved = await one<{ n: number }>(`select count(*)::int n from (
      select account_id from health_snapshots group by account_id having count(distinct score) > 1) x`);
    expect(moved.n).toBeGreaterThan(30);
    const stored = await one<Record<string, number>>(`select count(*)::int n, count(trend30d)::int with_trend,
      count(*) filter (where s.score = h.score and s.band = h.band)::int same_as_today
      from account_health h join health_snapshots s on s.account_id = h.account_id and s.date = '${today}'`);
    expect(stored).toEqual({ n: 60, with_trend: 60, same_as_today: 60 });
    // The seed announced nothing, and a sweep at the same instant finds nothing to announce.
    expect((await one<{ n: number }>('select count(*)::int n from ops_events')).n).toBe(0);
    const sweeper = new HealthSweeper(db, {
      config: DEFAULT_HEALTH_CONFIG,
      timeZone,
      intervalSeconds: 3600,
      logger: createLogger('silent'),
      clock: { now: () => NOW },
    });
    const swept = await sweeper.sweep();
    expect(swept).toMatchObject({ ran: true, computed: 60, written: 0, changed: [] });
  });

  it('adds scale issues inside the boundaries, consistent with the constraints', async () => {
    const result = await seedScale(db.orm.em.fork(), { issues: 3_000, enhancements: 300, batchSize: 1_000 });
    expect(result).toMatchObject({ issues: 3_000, enhancements: 300 });
    const r = await one<Record<string, number>>(`select
      count(*)::int n,
      count(*) filter (where not ST_Covers(p.boundary, i.location))::int outside,
      count(*) filter (where i.status in ('OPEN', 'ASSIGNED', 'IN_PROGRESS'))::int open,
      count(*) filter (where i.resolved_at < i.created_at or i.verified_at < i.resolved_at or i.created_at > now())::int bad_times
      from issues i join properties p on p.id = i.property_id where i.description = 'Generated for scale testing.'`);
    expect(r.n).toBe(3_000);
    expect(r.outside).toBe(0);
    expect(r.bad_times).toBe(0);
    expect(r.open).toBeGreaterThan(200);
    expect(r.open).toBeLessThan(800);
  });

  it('is deterministic: a reseed for the same day gives the same company', async () => {
    const snapshot = () =>
      sql(`select a.id, a.name, a.annual_value, a.renewal_date::text, a.tier,
             (select count(*)::int from issues i where i.account_id = a.id) issues,
             (select md5(string_agg(ST_AsText(p.boundary), ',' order by p.id)) from properties p where p.account_id = a.id) shapes
           from accounts a order by a.name`);
    const history = () =>
      one(`select count(*)::int n, md5(string_agg(a.name || s.date || s.score || s.band || s.factors::text, ',' order by a.name, s.date)) h
           from health_snapshots s join accounts a on a.id = s.account_id where s.date < '${localDateOf(NOW, timeZone)}'`);
    const historyBefore = await history();
    const before = await snapshot();
    const scaleIssues = await one<{ n: number }>(
      `select count(*)::int n from issues where description = 'Generated for scale testing.'`,
    );
    const tables = await truncateAllData(db.orm.em.fork());
    expect(tables).toContain('issues');
    expect(tables).not.toContain('mikro_orm_migrations');
    expect(await seedDemoIfEmpty(db.orm.em.fork(), { timeZone, now: new Date('2026-11-22T09:30:00Z') })).not.toBeNull();
    const after = await snapshot();
    // The scale issues are gone; everything else is identical.
    const withoutScale = (rows: Record<string, unknown>[]) => rows.map(({ issues: _issues, ...rest }) => rest);
    expect(withoutScale(after)).toEqual(withoutScale(before));
    // Past days' health depends only on the data and the date: the same history at another hour of the day.
    expect(await history()).toEqual(historyBefore);
    const total = (rows: Record<string, unknown>[]) => rows.reduce((s, r) => s + Number(r.issues), 0);
    expect(total(after)).toBe(total(before) - scaleIssues.n);
  });

  it('gives the accounts it adds a year of walks and plan reviews when asked, within their contracts', async () => {
    const result = await seedScale(db.orm.em.fork(), { accounts: 30, history: true, issues: 0 });
    expect(result.accounts).toBe(30);
    expect(result.siteWalks).toBeGreaterThan(30 * 10);
    expect(result.planReviews).toBeGreaterThan(30 * 8);
    const today = `(now() at time zone '${timeZone}')::date`;
    const walks = await one<Record<string, number>>(`select count(*)::int n,
      count(*) filter (where (w.completed_at at time zone '${timeZone}')::date < a.contract_start
        or w.completed_at > now() or w.completed_at < w.started_at or w.walked_by_id <> a.account_manager_id
        or extract(isodow from w.started_at at time zone '${timeZone}') > 5)::int bad,
      count(distinct w.account_id)::int accounts
      from site_walks w join accounts a on a.id = w.account_id where a.name like 'Scale account %'`);
    expect(walks).toMatchObject({ n: result.siteWalks, bad: 0 });
    // An account whose contract began in the last few weeks may rightly have no walk yet (and each account
    // misses a random share of its walks), so "every account has walks" is asked only of the accounts a
    // year old or more: at least 12 walks owed each, all missed with a chance below one in a million.
    const coverage = await one<Record<string, number>>(`select
      count(*) filter (where a.contract_start <= ${today} - 365)::int established,
      count(*) filter (where a.contract_start <= ${today} - 365
        and not exists (select 1 from site_walks w where w.account_id = a.id))::int established_without_walks
      from accounts a where a.name like 'Scale account %'`);
    expect(coverage.established).toBeGreaterThan(0);
    expect(coverage.established_without_walks).toBe(0);
    expect(walks.accounts).toBeGreaterThanOrEqual(coverage.established!);
    const reviews = await one<Record<string, number>>(`select count(*)::int n,
      count(*) filter (where r.date < a.contract_start or r.date >= ${today} or p.year <> extract(year from r.date)
        or r.date < ${today} - 400)::int bad,
      count(*) filter (where r.kind = 'QUARTERLY_UPDATE')::int quarterly
      from plan_reviews r join account_plans p on p.id = r.plan_id join accounts a on a.id = p.account_id
      where a.name like 'Scale account %'`);
    expect(reviews).toMatchObject({ n: result.planReviews, bad: 0 });
    expect(reviews.quarterly).toBeGreaterThan(0);
  });
});
