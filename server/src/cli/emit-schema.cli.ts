import 'reflect-metadata';
import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createSchema, printSchemaSdl } from '../app/schema.js';

const target = fileURLToPath(new URL('../../schema.graphql', import.meta.url));
await fs.writeFile(target, printSchemaSdl(await createSchema()));
console.log(`Wrote ${target}`);
