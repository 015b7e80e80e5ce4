import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BACKENDS, startTestServer, type TestServer } from './support/test-server.js';

// The commands exactly as `pnpm user:create` / `pnpm user:disable` run them (from source, in server/).
const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const cli = (name: string) => ['--import', '@swc-node/register/esm-register', `src/cli/${name}.cli.ts`];

interface Run {
  code: number | null;
  /** stdout and stderr (on a terminal: everything the terminal showed). */
  output: string;
}

/** The environment of a CLI run: the test's database and nothing inherited that would pick another. */
function cliEnv(database: Record<string, string>, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', ...database, ...extra };
  for (const key of ['DATABASE_URL', 'DATA_DIR', 'GROUNDWORK_PASSWORD']) {
    if (!(key in database) && !(key in extra)) delete env[key];
  }
  return env;
}

/** Runs a CLI with stdin piped (not a terminal). */
function runPiped(args: string[], env: NodeJS.ProcessEnv, stdin: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: SERVER_DIR, env });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
    child.stdin.end(stdin);
  });
}

const shellQuote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;

/**
 * Runs a CLI on a real pseudo-terminal (util-linux `script`), playing the
 * person at the keyboard: waits for each prompt to show before typing its
 * answer and Enter, as a person would.
 */
function runOnTerminal(
  args: string[],
  env: NodeJS.ProcessEnv,
  dialogue: { prompt: string; type: string }[],
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const command = [process.execPath, ...args].map(shellQuote).join(' ');
    const child = spawn('script', ['--quiet', '--flush', '--return', '--command', command, '/dev/null'], {
      cwd: SERVER_DIR,
      env,
    });
    let output = '';
    let step = 0;
    let seen = 0;
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      const next = dialogue[step];
      if (!next) return;
      const at = output.indexOf(next.prompt, seen);
      if (at === -1) return;
      seen = at + next.prompt.length;
      step++;
      child.stdin.write(`${next.type}\r`);
    });
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    // stdin stays open until the program ends: script would pass its end on as end-of-input.
    child.on('close', (code) => resolve({ code, output }));
  });
}

const PASSWORD_PROMPT = 'Password (min 12 characters): ';
const CONFIRM_PROMPT = 'Confirm password: ';
const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { email name role } } }';

describe.each(BACKENDS)('pnpm user:create and user:disable (%s)', (backend) => {
  let database: Record<string, string>;
  let server: TestServer | undefined;
  let dataDir: string | undefined;

  beforeAll(async () => {
    if (backend === 'postgresql') {
      // PostgreSQL takes the CLI and a server at once: the server makes the database.
      server = await startTestServer('postgresql');
      database = { DATABASE_URL: server.server.db.orm.config.get('clientUrl') as string };
    } else {
      // The embedded database is one process's at a time: the CLI runs first, the server after.
      dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'groundwork-cli-'));
      await fs.cp(inject('embeddedTemplateDir'), dataDir, { recursive: true });
      await fs.rm(path.join(dataDir, '.groundwork.lock'), { recursive: true, force: true });
      database = { DATA_DIR: dataDir };
    }
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('takes the password piped, from GROUNDWORK_PASSWORD, or hidden at a terminal prompt; each user can sign in', async () => {
    const piped = await runPiped(
      [...cli('user-create'), '--role', 'OPS_MANAGER', '--email', 'Piped@Example.test', '--name', 'Pip Ed'],
      cliEnv(database),
      'piped-password-123\nignored second line\n',
    );
    expect(piped).toEqual({ code: 0, output: 'Created OPS_MANAGER piped@example.test.\n' });

    const fromEnv = await runPiped(
      [...cli('user-create'), '--role', 'CREW_LEAD', '--email', 'env@example.test', '--name', 'Env Ironment'],
      cliEnv(database, { GROUNDWORK_PASSWORD: 'environment-password-1' }),
      '',
    );
    expect(fromEnv).toEqual({ code: 0, output: 'Created CREW_LEAD env@example.test.\n' });

    const secret = 'typed at the keyboard 42';
    const typed = await runOnTerminal(
      [...cli('user-create'), '--role', 'EXECUTIVE', '--email', 'tty@example.test', '--name', 'Terry Tty'],
      cliEnv(database),
      [
        { prompt: PASSWORD_PROMPT, type: secret },
        { prompt: CONFIRM_PROMPT, type: secret },
      ],
    );
    expect(typed.code).toBe(0);
    // Both prompts were shown (the dialogue waited for them), the result was said, and nothing typed was echoed.
    expect(typed.output).toContain(PASSWORD_PROMPT);
    expect(typed.output).toContain(CONFIRM_PROMPT);
    expect(typed.output).toContain('Created EXECUTIVE tty@example.test.');
    expect(typed.output).not.toContain('typed');
    expect(typed.output).not.toContain('keyboard');
    expect(typed.output).not.toMatch(/\*{4}/);

    const disabled = await runPiped([...cli('user-disable'), '--email', 'env@example.test'], cliEnv(database), '');
    expect(disabled).toEqual({ code: 0, output: 'Disabled CREW_LEAD env@example.test.\n' });

    server ??= await startTestServer('embedded', { DATA_DIR: dataDir! });
    const signIn = (e: string, p: string) => server!.gql(LOGIN, { e, p });
    expect((await signIn('piped@example.test', 'piped-password-123')).data?.login.user).toEqual({
      email: 'piped@example.test',
      name: 'Pip Ed',
      role: 'OPS_MANAGER',
    });
    expect((await signIn('tty@example.test', secret)).data?.login.user).toEqual({
      email: 'tty@example.test',
      name: 'Terry Tty',
      role: 'EXECUTIVE',
    });
    expect((await signIn('env@example.test', 'environment-password-1')).errors?.[0]).toMatchObject({
      message: 'This account has been disabled; ask an administrator.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    // Four CLI runs, each compiling its TypeScript as `pnpm user:create` does, and an embedded server's start.
  }, 300_000);
});

describe('pnpm user:create at a terminal prompt', () => {
  // Refused before any database is opened: this directory must never be created.
  const untouched = path.join(os.tmpdir(), `groundwork-never-${process.pid}`);
  const args = [...cli('user-create'), '--role', 'EXECUTIVE', '--email', 'no@example.test'];

  it('refuses a confirmation that does not match, creating no one', async () => {
    const run = await runOnTerminal(args, cliEnv({ DATA_DIR: untouched }), [
      { prompt: PASSWORD_PROMPT, type: 'first-password-123' },
      { prompt: CONFIRM_PROMPT, type: 'other-password-456' },
    ]);
    expect(run.code).toBe(2);
    expect(run.output).toContain('The passwords do not match.');
    expect(run.output).not.toContain('password-');
    await expect(fs.stat(untouched)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a short password without asking for the confirmation', async () => {
    const run = await runOnTerminal(args, cliEnv({ DATA_DIR: untouched }), [
      { prompt: PASSWORD_PROMPT, type: 'short' },
    ]);
    expect(run.code).toBe(2);
    expect(run.output).toContain('The password must be at least 12 characters.');
    expect(run.output).not.toContain(CONFIRM_PROMPT);
    await expect(fs.stat(untouched)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
