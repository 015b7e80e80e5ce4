import 'reflect-metadata';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { loadConfig } from '../src/platform/config.js';
import { openDatabase, migrate } from '../src/app/db/database.js';

describe('configuration', () => {
  it('refuses bad values with a message naming each', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', COMPANY_TIME_ZONE: 'Mars/Olympus' })).toThrow(
      /PORT[\s\S]*DATABASE_URL: must be a postgres:\/\/[\s\S]*COMPANY_TIME_ZONE: must be an IANA time zone/,
    );
  });

  it('requires a signing secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://h/db' })).toThrow(/AUTH_SECRET/);
  });

  it('defaults to the embedded database with demo data', () => {
    expect(loadConfig({})).toMatchObject({ embedded: true, demoSeed: true, PORT: 4000 });
    expect(loadConfig({ DATABASE_URL: 'postgres://h/db' })).toMatchObject({ embedded: false, demoSeed: false });
  });

  it('draws OpenFreeMap streets unless told another style, or none (the built-in plain style)', () => {
    expect(loadConfig({}).MAP_STYLE_URL).toBe('https://tiles.openfreemap.org/styles/liberty');
    expect(loadConfig({ MAP_STYLE_URL: 'https://tiles.example.com/style.json' }).MAP_STYLE_URL).toBe(
      'https://tiles.example.com/style.json',
    );
    expect(loadConfig({ MAP_STYLE_URL: 'none' }).MAP_STYLE_URL).toBeNull();
    expect(() => loadConfig({ MAP_STYLE_URL: 'streets' })).toThrow(/MAP_STYLE_URL/);
  });

  it('trusts X-Forwarded-For from loopback only unless told, and refuses a proxy entry that is not an address', () => {
    expect(loadConfig({}).TRUST_PROXY).toEqual(['loopback']);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.7,fd00::/8,uniquelocal' }).TRUST_PROXY).toEqual([
      '10.0.0.0/8',
      '192.168.1.7',
      'fd00::/8',
      'uniquelocal',
    ]);
    expect(loadConfig({ TRUST_PROXY: 'none' }).TRUST_PROXY).toEqual([]);
    expect(() => loadConfig({ TRUST_PROXY: 'loopback,10.0.0.0/33' })).toThrow(
      /TRUST_PROXY: "10\.0\.0\.0\/33" is not an IP address, a CIDR range/,
    );
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: "true" is not an IP address/);
    expect(() => loadConfig({ TRUST_PROXY: 'none,loopback' })).toThrow(/TRUST_PROXY: "none" is not/);
  });

  it('checks open sockets’ sessions every 30 s unless told, at most every minute', () => {
    expect(loadConfig({}).SESSION_CHECK_SECONDS).toBe(30);
    expect(loadConfig({ SESSION_CHECK_SECONDS: '1' }).SESSION_CHECK_SECONDS).toBe(1);
    expect(() => loadConfig({ SESSION_CHECK_SECONDS: '61' })).toThrow(/SESSION_CHECK_SECONDS/);
    expect(() => loadConfig({ SESSION_CHECK_SECONDS: '0.5' })).toThrow(/SESSION_CHECK_SECONDS/);
  });
});

describe('embedded database', () => {
  it('refuses a second process on the same data directory', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'groundwork-lock-'));
    await fs.cp(inject('embeddedTemplateDir'), dir, { recursive: true });
    await fs.rm(path.join(dir, '.groundwork.lock'), { recursive: true, force: true });
    const first = await openDatabase({ dataDir: dir });
    try {
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/in use by another Groundwork process/);
    } finally {
      await first.close();
    }
    // Released on close: the next process gets it.
    const again = await openDatabase({ dataDir: dir });
    await again.close();
    await fs.rm(dir, { recursive: true, force: true });
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('PostgreSQL migrations', () => {
  it('lets instances that start together migrate one database without racing, then vacuums it', async () => {
    const admin = process.env.TEST_DATABASE_URL!;
    const name = `gw_migrate_${randomBytes(4).toString('hex')}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`create database "${name}"`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    try {
      const dbs = await Promise.all([0, 1, 2].map(() => openDatabase({ databaseUrl: url.toString(), dataDir: '' })));
      const applied = await Promise.all(dbs.map((db) => migrate(db, url.toString())));
      // Exactly one instance applied each migration; the others found nothing to do.
      expect(applied.flat().sort()).toEqual(applied.find((a) => a.length > 0)!.sort());
      // And vacuumed after them: a table a migration rewrote has a visibility map again, so the
      // map's cluster count reads its covering indexes without the rows.
      const db = new pg.Client({ connectionString: url.toString() });
      await db.connect();
      const { rows } = await db.query<{ relname: string; vacuumed: boolean }>(
        `select relname, last_vacuum is not null as vacuumed from pg_stat_user_tables
         where relname in ('issues', 'enhancements') order by relname`,
      );
      await db.end();
      expect(rows).toEqual([
        { relname: 'enhancements', vacuumed: true },
        { relname: 'issues', vacuumed: true },
      ]);
      await Promise.all(dbs.map((db) => db.close()));
    } finally {
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    }
  });
});
