import { beforeEach, describe, expect, it } from 'vitest';
import { loadServerConfig, resetServerConfig } from './server.config';

function memoryStorage() {
  const values = new Map<string, string>();
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
  };
}

const answer = (body: unknown) => (() => Promise.resolve(new Response(JSON.stringify(body)))) as typeof fetch;
const unreachable = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;

describe('loadServerConfig', () => {
  beforeEach(() => resetServerConfig());

  it('keeps the last answer and gives it back when the server cannot be reached', async () => {
    const store = memoryStorage();
    expect(await loadServerConfig(answer({ companyTimeZone: 'America/Denver' }), store)).toEqual({
      companyTimeZone: 'America/Denver',
    });
    resetServerConfig();
    expect(await loadServerConfig(unreachable, store)).toEqual({ companyTimeZone: 'America/Denver' });
  });

  it('asks the network first: a newer answer replaces the kept one', async () => {
    const store = memoryStorage();
    await loadServerConfig(answer({ companyTimeZone: 'America/Denver' }), store);
    resetServerConfig();
    expect(await loadServerConfig(answer({ companyTimeZone: 'America/Chicago' }), store)).toEqual({
      companyTimeZone: 'America/Chicago',
    });
    resetServerConfig();
    expect(await loadServerConfig(unreachable, store)).toEqual({ companyTimeZone: 'America/Chicago' });
  });

  it('is null with neither a network nor a kept answer, and asks again next time', async () => {
    const store = memoryStorage();
    expect(await loadServerConfig(unreachable, store)).toBeNull();
    expect(await loadServerConfig(answer({ companyTimeZone: 'UTC' }), store)).toEqual({ companyTimeZone: 'UTC' });
  });

  it('does not keep an error answer', async () => {
    const store = memoryStorage();
    const failing = (() => Promise.resolve(new Response('nope', { status: 503 }))) as typeof fetch;
    expect(await loadServerConfig(failing, store)).toBeNull();
    expect(store.getItem('groundwork.config')).toBeNull();
  });
});
