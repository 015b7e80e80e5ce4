#!/usr/bin/env node
// The import-cycle check of `pnpm lint`: fails on any cycle, type-only imports included
// (a type-only cycle still ties two files' designs together).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import madge from 'madge';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What `pnpm lint` checks: each source tree with its own tsconfig (paths, jsx). */
export const TARGETS = [
  { dir: 'server/src', tsConfig: 'server/tsconfig.json' },
  { dir: 'web/src', tsConfig: 'web/tsconfig.json' },
  { dir: 'shared/src', tsConfig: 'shared/tsconfig.json' },
];

/** The cycles in `dir`, each as a list of files relative to it. */
export async function findCycles(dir, tsConfig) {
  const result = await madge(path.resolve(root, dir), {
    fileExtensions: ['ts', 'tsx'],
    tsConfig: tsConfig ? path.resolve(root, tsConfig) : undefined,
    detectiveOptions: { ts: { skipTypeImports: false }, tsx: { skipTypeImports: false } },
  });
  return result.circular();
}

async function main(args) {
  const targets = args.length > 0 ? args.map((dir) => ({ dir })) : TARGETS;
  let failed = false;
  for (const { dir, tsConfig } of targets) {
    const cycles = await findCycles(dir, tsConfig);
    if (cycles.length === 0) {
      console.log(`${dir}: no import cycles`);
      continue;
    }
    failed = true;
    console.error(`${dir}: ${cycles.length} import cycle(s):`);
    for (const cycle of cycles) console.error(`  ${[...cycle, cycle[0]].join(' > ')}`);
  }
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv.slice(2));
