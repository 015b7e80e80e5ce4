import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { read } from 'read';
import { ROLES, isOneOf, requireText } from '@groundwork/shared';
import { loadConfig } from '../platform/config.js';
import { openDatabase, migrate } from '../app/db/database.js';
import { hashPassword } from '../modules/auth/index.js';
import { User } from '../modules/users/index.js';

/**
 * Creates a user: how a production install gets its first sign-in (there is
 * no default user). The password comes from GROUNDWORK_PASSWORD, from piped
 * stdin (its first line), or, on a terminal, from a prompt that shows nothing
 * as it is typed and asks for it twice; never from the command line, where it
 * would land in shell history.
 *   pnpm user:create --role EXECUTIVE --email ceo@example.com --name "Casey Chief"
 */
const USAGE =
  'usage: pnpm user:create --role <EXECUTIVE|OPS_MANAGER|ACCOUNT_MANAGER|CREW_LEAD> --email <email> --name <name>';
const MIN_PASSWORD = 12;

class PasswordError extends Error {}

async function readPassword(): Promise<string> {
  if (process.env.GROUNDWORK_PASSWORD) return process.env.GROUNDWORK_PASSWORD;
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return (Buffer.concat(chunks).toString('utf8').split('\n')[0] ?? '').replace(/\r$/, '');
  }
  // Prompts on stderr, so stdout carries only the result. `silent` echoes nothing, not even a mask.
  const ask = async (prompt: string) => {
    const answer = await read({ prompt, silent: true, output: process.stderr });
    // The muted echo swallowed the Enter: end the prompt's line.
    process.stderr.write('\n');
    return answer;
  };
  const password = await ask(`Password (min ${MIN_PASSWORD} characters): `);
  if (password.length < MIN_PASSWORD)
    throw new PasswordError(`The password must be at least ${MIN_PASSWORD} characters.`);
  if ((await ask('Confirm password: ')) !== password) throw new PasswordError('The passwords do not match.');
  return password;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { role: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } },
  });
  if (!isOneOf(ROLES, values.role)) {
    console.error(`--role must be one of ${ROLES.join(', ')}\n${USAGE}`);
    return 2;
  }
  const email = requireText(values.email, 'email', { max: 254 }).toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
    console.error(`--email is not an email address\n${USAGE}`);
    return 2;
  }
  const name = requireText(values.name ?? email.split('@')[0], 'name', { max: 200 });
  let password: string;
  try {
    password = await readPassword();
  } catch (error) {
    // read() rejects with "canceled" on Ctrl-C.
    console.error(error instanceof PasswordError ? error.message : 'Cancelled: no user created.');
    return error instanceof PasswordError ? 2 : 130;
  }
  if (password.length < MIN_PASSWORD) {
    console.error(`The password must be at least ${MIN_PASSWORD} characters.`);
    return 2;
  }
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await migrate(db, config.DATABASE_URL);
    const em = db.orm.em.fork();
    if (await em.count(User, { email })) {
      console.error(`A user with email ${email} already exists.`);
      return 1;
    }
    em.create(User, { email, name, role: values.role, passwordHash: await hashPassword(password) });
    await em.flush();
    console.log(`Created ${values.role} ${email}.`);
    return 0;
  } finally {
    await db.close();
  }
}

process.exitCode = await main();
