import 'reflect-metadata';
import { loadConfig } from '../platform/config.js';
import { openDatabase, migrate } from '../app/db/database.js';

const config = loadConfig();
const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
try {
  const applied = await migrate(db, config.DATABASE_URL);
  console.log(applied.length ? `Applied ${applied.join(', ')}` : 'The database is up to date.');
} finally {
  await db.close();
}
