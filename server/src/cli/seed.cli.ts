import 'reflect-metadata';
import { ConfigError, loadConfig } from '../platform/config.js';
import { migrate, openDatabase, type Database } from '../app/db/database.js';
import { openPhotoStore } from '../modules/photos/index.js';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoIfEmpty, seedScale, truncateAllData } from '../seed/index.js';

const USAGE = `Usage: pnpm db:seed [--reset] [--accounts A] [--issues N [--enhancements M] [--open-share F] [--batch B]]

  (no options)        seed the demo company (Denver) if the database has no accounts yet
  --reset             first EMPTY EVERY DATA TABLE (users, accounts, issues, events…), then seed the demo
  --accounts A        add A generated accounts (existing account managers, 1–3 properties with
                      boundaries and schedules each); seeds the demo company first when empty
  --issues N          add N generated Issues over the existing properties (scale/load data);
                      seeds the demo company first when the database is empty
  --enhancements M    with --issues: also add M generated Enhancements
  --open-share F      share of generated Issues left open, 0–1 (default 0.15)
  --batch B           rows per INSERT statement (default 100000; 20000 on the embedded database)
  -h, --help          show this help

Numbers accept 1000000, 1_000_000, 1e6, 250k or 1m.
The database is the one the server uses: DATABASE_URL, or the embedded one in DATA_DIR
(stop the server first: the embedded database is locked while it runs).`;

class UsageError extends Error {}

interface Args {
  reset: boolean;
  accounts: number;
  issues: number | null;
  enhancements: number;
  openShare: number | undefined;
  batch: number | undefined;
  help: boolean;
}

function count(flag: string, raw: string | undefined): number {
  if (raw === undefined || raw.startsWith('--')) throw new UsageError(`${flag} needs a number`);
  const m = /^(\d[\d_,]*(?:\.\d+)?(?:e\d+)?)([km]?)$/i.exec(raw.trim());
  const value = m
    ? Number(m[1]!.replace(/[_,]/g, '')) * (m[2]!.toLowerCase() === 'k' ? 1e3 : m[2]!.toLowerCase() === 'm' ? 1e6 : 1)
    : NaN;
  if (!Number.isSafeInteger(value) || value < 0)
    throw new UsageError(`${flag} must be a whole number ≥ 0, got "${raw}"`);
  return value;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = {
    reset: false,
    accounts: 0,
    issues: null,
    enhancements: 0,
    openShare: undefined,
    batch: undefined,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--reset':
        args.reset = true;
        break;
      case '--accounts':
        args.accounts = count('--accounts', value());
        break;
      case '--issues':
        args.issues = count('--issues', value());
        break;
      case '--enhancements':
        args.enhancements = count('--enhancements', value());
        break;
      case '--batch':
        args.batch = count('--batch', value());
        if (args.batch === 0) throw new UsageError('--batch must be at least 1');
        break;
      case '--open-share': {
        const raw = value();
        const share = Number(raw);
        if (raw === undefined || raw === '' || !Number.isFinite(share) || share < 0 || share > 1) {
          throw new UsageError(`--open-share must be a number from 0 to 1, got "${raw ?? ''}"`);
        }
        args.openShare = share;
        break;
      }
      case '-h':
      case '--help':
        args.help = true;
        break;
      default:
        throw new UsageError(`unknown argument "${arg}"`);
    }
  }
  if (args.issues === null && (args.enhancements > 0 || args.openShare !== undefined || args.batch !== undefined)) {
    throw new UsageError('--enhancements, --open-share and --batch go with --issues');
  }
  return args;
}

function describe(databaseUrl: string | undefined, dataDir: string): string {
  if (!databaseUrl) return `embedded database in ${dataDir}`;
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return `PostgreSQL ${url.toString()}`;
  } catch {
    return 'PostgreSQL';
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`db:seed: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }

  const config = loadConfig();
  if (args.reset && config.NODE_ENV === 'production') {
    console.error('db:seed: refusing --reset with NODE_ENV=production.');
    return 2;
  }
  const started = Date.now();
  console.log(`Database: ${describe(config.DATABASE_URL, config.DATA_DIR)}`);
  const db: Database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    const applied = await migrate(db, config.DATABASE_URL);
    console.log(
      `Opened and migrated in ${seconds(Date.now() - started)}${applied.length ? ` (applied ${applied.length})` : ''}.`,
    );
    const em = db.orm.em.fork();

    if (args.reset) {
      const tables = await truncateAllData(em);
      console.log(`Reset: emptied ${tables.length} tables (${tables.join(', ')}).`);
    }

    const demoStarted = Date.now();
    const summary = await seedDemoIfEmpty(em, {
      timeZone: config.COMPANY_TIME_ZONE,
      health: config.health,
      photoStore: openPhotoStore(config),
    });
    if (summary) {
      console.log(
        `Seeded the demo company in ${seconds(Date.now() - demoStarted)}: ${summary.accounts} accounts, ${summary.properties} properties, ` +
          `${summary.siteWalks} site walks, ${summary.issues} issues (${summary.openIssues} open), ${summary.enhancements} enhancements, ` +
          `${summary.crews} crews, ${summary.users} users.`,
      );
      console.log(`Accounts drifting toward risk: ${summary.driftingAccounts.join('; ')}.`);
      console.log(`Sign in with password "${DEMO_PASSWORD}" as:`);
      for (const u of DEMO_USERS) console.log(`  ${u.email.padEnd(34)} ${u.role.padEnd(16)} ${u.name}`);
    } else if (args.issues === null && args.accounts === 0) {
      console.log(
        'The database already has accounts: nothing seeded. (Use --reset to start over, or --issues N to add load data.)',
      );
    }

    if (args.issues !== null || args.accounts > 0) {
      const scaleStarted = Date.now();
      let last = 0;
      const result = await seedScale(em, {
        accounts: args.accounts,
        issues: args.issues ?? 0,
        enhancements: args.enhancements,
        openShare: args.openShare,
        batchSize: args.batch ?? (db.kind === 'embedded' ? 20_000 : 100_000),
        timeZone: config.COMPANY_TIME_ZONE,
        onProgress: (done, total, what) => {
          if (Date.now() - last > 2000 || done === total) {
            last = Date.now();
            console.log(
              `  ${what}: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} (${seconds(Date.now() - scaleStarted)})`,
            );
          }
        },
      });
      console.log(
        `Added ${result.accounts.toLocaleString('en-US')} accounts, ${result.issues.toLocaleString('en-US')} issues and ${result.enhancements.toLocaleString('en-US')} enhancements in ${seconds(result.ms)}.`,
      );
    }
    console.log(`Done in ${seconds(Date.now() - started)}.`);
    return 0;
  } finally {
    await db.close();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exitCode = 2;
  } else {
    console.error(`db:seed failed: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.LOG_LEVEL === 'debug' && error instanceof Error) console.error(error.stack);
    process.exitCode = 1;
  }
}
