import {
  openDatabase as openPlatformDatabase,
  type DatabaseOptions,
  type Database,
} from '../../platform/db/database.js';
import { ENTITIES } from './entities.js';

export { migrate, type Database, type Orm } from '../../platform/db/database.js';

/** Opens the database with every module's entities (the platform knows none of them). */
export function openDatabase(opts: Omit<DatabaseOptions, 'entities'>): Promise<Database> {
  return openPlatformDatabase({ ...opts, entities: ENTITIES });
}
