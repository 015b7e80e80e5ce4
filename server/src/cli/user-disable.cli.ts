import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { requireText } from '@groundwork/shared';
import { loadConfig } from '../platform/config.js';
import { openDatabase, migrate } from '../app/db/database.js';
import { User } from '../modules/users/index.js';

/**
 * Disables a user (or enables them again with --enable). A disabled user
 * cannot sign in, their tokens are refused, and every instance closes their
 * open live sockets (4403) within SESSION_CHECK_SECONDS.
 *   pnpm user:disable --email crew.lead@example.com
 *   pnpm user:disable --email crew.lead@example.com --enable
 */
const USAGE = 'usage: pnpm user:disable --email <email> [--enable]';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { email: { type: 'string' }, enable: { type: 'boolean', default: false } } });
  if (!values.email) {
    console.error(`--email is required\n${USAGE}`);
    return 2;
  }
  const email = requireText(values.email, 'email', { max: 254 }).toLowerCase();
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await migrate(db, config.DATABASE_URL);
    const em = db.orm.em.fork();
    const user = await em.findOne(User, { email });
    if (!user) {
      console.error(`No user has the email ${email}.`);
      return 1;
    }
    user.disabledAt = values.enable ? null : (user.disabledAt ?? new Date());
    await em.flush();
    console.log(`${values.enable ? 'Enabled' : 'Disabled'} ${user.role} ${email}.`);
    return 0;
  } finally {
    await db.close();
  }
}

process.exitCode = await main();
