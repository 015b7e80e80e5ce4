import 'reflect-metadata';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import type {} from './test-server.js';
import { openDatabase, migrate } from '../../src/app/db/database.js';

/**
 * Migrates one embedded database per run; every test server starts from a
 * copy of it (a cold PGlite boot + migration takes ~20 s, a copy ~4 s).
 */
export default async function setup(project: TestProject) {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'groundwork-template-'));
  const db = await openDatabase({ dataDir: root });
  await migrate(db);
  await db.close();
  project.provide('embeddedTemplateDir', root);
  return async () => {
    await fs.rm(root, { recursive: true, force: true });
  };
}
