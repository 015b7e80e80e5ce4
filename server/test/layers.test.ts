import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The layer rules of `pnpm lint` (README "Code layout"), checked with the project's own
// ESLint config and cycle script on deliberate violations, next to allowed imports.
const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

describe('layer rules', () => {
  const eslint = new ESLint({ cwd: root });

  /** The no-restricted-imports messages for `code` as if it were the file `file`. */
  async function restricted(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
    expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  }

  it("refuses a module reaching past another module's door, and allows the door", async () => {
    const file = 'server/src/modules/issues/layers-fixture.ts';
    expect(await restricted(file, "import { Crew } from '../crews/crew.entity.js';\nexport const x = Crew;\n")).toEqual(
      [
        "'../crews/crew.entity.js' import is restricted from being used by a pattern. Another module is used through its door only: import '../<module>/index.js'.",
      ],
    );
    expect(await restricted(file, "import { Crew } from '../crews/index.js';\nexport const x = Crew;\n")).toEqual([]);
    expect(
      await restricted(file, "import { groupBy } from '../../platform/context.js';\nexport const x = groupBy;\n"),
    ).toEqual([]);
  });

  it('refuses a module importing app/', async () => {
    const messages = await restricted(
      'server/src/modules/crews/layers-fixture.ts',
      "import { RESOLVERS } from '../../app/resolvers.js';\nexport const x = RESOLVERS;\n",
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('never app/, seed/ or cli/');
  });

  it('refuses platform/ importing a module or app/', async () => {
    const file = 'server/src/platform/db/layers-fixture.ts';
    const toModule = await restricted(
      file,
      "import type { EventLog } from '../../modules/events/index.js';\nexport type X = EventLog;\n",
    );
    expect(toModule).toHaveLength(1);
    expect(toModule[0]).toContain('platform/ is below the modules');
    const toApp = await restricted(
      file,
      "import { ENTITIES } from '../../app/db/entities.js';\nexport const x = ENTITIES;\n",
    );
    expect(toApp).toHaveLength(1);
    expect(await restricted(file, "import type { Logger } from '../logger.js';\nexport type X = Logger;\n")).toEqual(
      [],
    );
  });

  it("refuses the seed reaching past a module's door or into app/", async () => {
    const file = 'server/src/seed/layers-fixture.ts';
    expect(
      await restricted(file, "import { User } from '../modules/users/user.entity.js';\nexport const x = User;\n"),
    ).toHaveLength(1);
    expect(
      await restricted(file, "import { createSchema } from '../app/schema.js';\nexport const x = createSchema;\n"),
    ).toHaveLength(1);
    expect(
      await restricted(file, "import { User } from '../modules/users/index.js';\nexport const x = User;\n"),
    ).toEqual([]);
  });

  it('refuses the web ui kit importing a feature or the app shell, its tests included', async () => {
    const file = 'web/src/ui/LayersFixture.tsx';
    expect(
      await restricted(file, "import { PinDrawer } from '../features/map/PinDrawer';\nexport const x = PinDrawer;\n"),
    ).toEqual([
      "'../features/map/PinDrawer' import is restricted from being used by a pattern. web/src/ui/ is below the features: it imports no feature and no app/ file.",
    ]);
    expect(await restricted(file, "import { theme } from '../app/theme';\nexport const x = theme;\n")).toHaveLength(1);
    expect(
      await restricted(
        'web/src/ui/layers-fixture.test.ts',
        "import { routes } from '../app/router';\nexport const x = routes;\n",
      ),
    ).toHaveLength(1);
    expect(await restricted(file, "import { boundsOf } from './map.geometry';\nexport const x = boundsOf;\n")).toEqual(
      [],
    );
  });

  it('refuses a web feature importing the app shell, and allows ui/, gql/ and another feature', async () => {
    const file = 'web/src/features/accounts/LayersFixture.tsx';
    expect(
      await restricted(file, "import { createCache } from '../../app/apollo.client';\nexport const x = createCache;\n"),
    ).toEqual([
      "'../../app/apollo.client' import is restricted from being used by a pattern. A feature does not import the app shell (web/src/app/): move what it needs to ui/ or a feature.",
    ]);
    expect(
      await restricted(
        file,
        [
          "import { Empty } from '../../ui/QueryState';",
          "import { graphql } from '../../gql';",
          "import { useLive } from '../live/live.context';",
          'export const x = [Empty, graphql, useLive];',
          '',
        ].join('\n'),
      ),
    ).toEqual([]);
    // A feature's page tests render with the app's cache and theme.
    expect(
      await restricted(
        'web/src/features/accounts/layers-fixture.test.tsx',
        "import { theme } from '../../app/theme';\nexport const x = theme;\n",
      ),
    ).toEqual([]);
  });

  it("refuses web product code importing a test's fakes, which tests may use", async () => {
    const code = "import { fakeAccountHealth } from '../health/health.fake';\nexport const x = fakeAccountHealth;\n";
    expect(await restricted('web/src/features/accounts/LayersFixture.tsx', code)).toEqual([
      "'../health/health.fake' import is restricted from being used by a pattern. Test doubles and test helpers are for tests only.",
    ]);
    expect(await restricted('web/src/features/accounts/layers-fixture.test.tsx', code)).toEqual([]);
    expect(
      await restricted(
        'web/src/app/LayersFixture.tsx',
        "import { renderPage } from '../test.render';\nexport const x = renderPage;\n",
      ),
    ).toHaveLength(1);
  });
});

describe('cycle check', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'groundwork-cycles-'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function check(files: Record<string, string>): Promise<{ code: number; output: string }> {
    const tree = await fs.mkdtemp(path.join(dir, 'tree-'));
    for (const [name, text] of Object.entries(files)) await fs.writeFile(path.join(tree, name), text);
    try {
      const { stdout, stderr } = await run(process.execPath, [path.join(root, 'scripts/check-cycles.mjs'), tree]);
      return { code: 0, output: stdout + stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, output: e.stdout + e.stderr };
    }
  }

  it('fails on a cycle, a type-only one included, and passes without one', async () => {
    const cyclic = await check({
      'a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
      'b.ts': "import type { a } from './a.js';\nexport const b = 1;\nexport type A = typeof a;\n",
    });
    expect(cyclic.code).toBe(1);
    expect(cyclic.output).toContain('1 import cycle(s)');
    expect(cyclic.output).toContain('a.ts > b.ts > a.ts');

    const acyclic = await check({
      'a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
      'b.ts': 'export const b = 1;\n',
    });
    expect(acyclic).toEqual({ code: 0, output: expect.stringContaining('no import cycles') });
  });

  it('fails on a cycle between React components (the web tree)', async () => {
    const cyclic = await check({
      'Map.tsx': "import { Canvas } from './Canvas';\nexport const Map = () => <Canvas />;\n",
      'Canvas.tsx':
        "import type { Map } from './Map';\nexport const Canvas = () => null;\nexport type M = typeof Map;\n",
    });
    expect(cyclic.code).toBe(1);
    expect(cyclic.output).toContain('Canvas.tsx > Map.tsx > Canvas.tsx');
  });

  it('finds no cycle in the project', async () => {
    const { stdout } = await run(process.execPath, [path.join(root, 'scripts/check-cycles.mjs')]);
    expect(stdout).toContain('server/src: no import cycles');
    expect(stdout).toContain('web/src: no import cycles');
  });
});
