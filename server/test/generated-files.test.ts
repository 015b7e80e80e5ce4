import 'reflect-metadata';
import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createSchema, printSchemaSdl } from '../src/app/schema.js';
import { BACKENDS, startTestServer } from './support/test-server.js';

describe('generated files', () => {
  it('server/schema.graphql matches the schema the code builds (run `pnpm codegen` after changing the API)', async () => {
    const committed = await fs.readFile(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(printSchemaSdl(await createSchema())).toBe(committed);
  });

  it.each(BACKENDS)('the migrations produce exactly the schema the entities describe (%s)', async (backend) => {
    await using server = await startTestServer(backend);
    const diff = await server.server.db.orm.schema.getUpdateSchemaSQL({ wrap: false });
    // Run `pnpm db:migration:create <name>` after changing an entity.
    expect(diff.trim()).toBe('');
  });
});
