// @vitest-environment node
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generate } from '@graphql-codegen/cli';
import config from '../codegen';

const WEB_ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('generated GraphQL types', () => {
  it('match server/schema.graphql and the operations in src (run `pnpm codegen` after changing either)', async () => {
    const cwd = process.cwd();
    process.chdir(WEB_ROOT);
    try {
      const files = (await generate({ ...config, cwd: WEB_ROOT, silent: true }, false)) as {
        filename: string;
        content: string;
      }[];
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const committed = await fs.readFile(path.resolve(WEB_ROOT, file.filename), 'utf8');
        expect(committed, file.filename).toBe(file.content);
      }
    } finally {
      process.chdir(cwd);
    }
  }, 60_000);
});
