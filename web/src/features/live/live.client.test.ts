// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectionStatus } from './connection.state';
import type { LiveEvent } from './event.plan';
import { createLiveClient, type Connectivity, type LiveHandlers, type SessionCheck } from './live.client';

type Message = { id?: string; type: string; payload?: unknown };

/** A socket the test plays the server for, speaking graphql-transport-ws. */
class FakeSocket {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSING = 2;
  static CLOSED = 3;
  static all: FakeSocket[] = [];

  readyState = FakeSocket.CONNECTING;
  sent: Message[] = [];
  onopen: (() => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;

  constructor(
    readonly url: string,
    readonly protocol: string,
  ) {
    FakeSocket.all.push(this);
  }

  send(data: string) {
    this.sent.push(JSON.parse(data) as Message);
  }

  close(code = 1000, reason = '') {
    if (this.readyState === FakeSocket.CLOSED) return;
    this.readyState = FakeSocket.CLOSED;
    this.onclose?.({ code, reason });
  }

  // The server's side.
  accept() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  reply(message: Message) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  subscriptions() {
    return this.sent.filter((m) => m.type === 'subscribe') as {
      id: string;
      payload: { variables: { since: string; filter: unknown } };
    }[];
  }
}

const latest = () => FakeSocket.all.at(-1)!;

function event(cursor: string): LiveEvent {
  return {
    cursor,
    type: 'ISSUE_MOVED',
    entityType: 'Issue',
    entityId: 'i1',
    accountId: 'a1',
    propertyId: 'p1',
    at: `2026-03-10T14:00:${cursor.padStart(2, '0').slice(-2)}.000Z`,
    payload: {},
  };
}

function fakeConnectivity(online = true) {
  const listeners = new Set<(online: boolean) => void>();
  const connectivity: Connectivity = {
    isOnline: () => online,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    connectivity,
    set(value: boolean) {
      online = value;
      for (const listener of listeners) listener(value);
    },
  };
}

function setup(checkSession: () => Promise<SessionCheck> = () => Promise.resolve('valid')) {
  const network = fakeConnectivity();
  const check = vi.fn(checkSession);
  const live = createLiveClient({
    url: 'ws://groundwork.test/graphql',
    webSocketImpl: FakeSocket,
    checkSession: check,
    connectivity: network.connectivity,
    batchMs: 50,
    random: () => 0,
  });
  const batches: LiveEvent[][] = [];
  const resync = vi.fn<LiveHandlers['resync']>();
  const handlers: LiveHandlers = { onEvents: (events) => batches.push(events), resync };
  return { live, batches, resync, handlers, check, network, status: () => connectionStatus(live.getState()) };
}

/** Lets graphql-ws run its promise chains (the socket's open handler and subscribe loops are async). */
const settle = async () => {
  for (let i = 0; i < 5; i++) await vi.advanceTimersByTimeAsync(0);
};

async function connect(socket = latest()) {
  socket.accept();
  await settle();
  expect(socket.sent[0]?.type).toBe('connection_init');
  socket.reply({ type: 'connection_ack' });
  await settle();
  return socket;
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.all = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('live client', () => {
  it('subscribes from the view’s cursor and hands over events in batches', async () => {
    const { live, batches, handlers, status } = setup();
    live.subscribe('41', { accountIds: ['a1'] }, handlers);
    live.start();
    expect(status()).toBe('connecting');
    const socket = await connect();
    expect(status()).toBe('live');
    const [sub] = socket.subscriptions();
    expect(sub?.payload.variables).toEqual({ since: '41', filter: { accountIds: ['a1'] } });

    socket.reply({ id: sub!.id, type: 'next', payload: { data: { opsEvents: event('42') } } });
    socket.reply({ id: sub!.id, type: 'next', payload: { data: { opsEvents: event('43') } } });
    expect(batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(50);
    expect(batches.map((batch) => batch.map((e) => e.cursor))).toEqual([['42', '43']]);
    expect(live.getState().lastEventAt).toBe(event('43').at);
    live.stop();
  });

  it('after a slow-consumer close (4413) reconnects and resumes after the last event it received', async () => {
    const { live, handlers, status } = setup();
    live.subscribe('41', null, handlers);
    live.start();
    const first = await connect();
    const { id } = first.subscriptions()[0]!;
    first.reply({ id, type: 'next', payload: { data: { opsEvents: event('42') } } });
    first.reply({ id, type: 'next', payload: { data: { opsEvents: event('57') } } });

    first.close(4413, 'Slow consumer: resubscribe with since=60');
    await settle();
    expect(status()).toBe('reconnecting');
    // First retry after 500 ms (1 s backoff, lower jitter bound in this test).
    await vi.advanceTimersByTimeAsync(500);
    expect(FakeSocket.all).toHaveLength(2);
    const second = await connect();
    expect(status()).toBe('live');
    expect(second.subscriptions().map((s) => s.payload.variables.since)).toEqual(['57']);
    live.stop();
  });

  it('on RESYNC_REQUIRED lets the view reload, then subscribes from the reloaded cursor', async () => {
    const { live, handlers, resync } = setup();
    resync.mockResolvedValue('900');
    live.subscribe('3', null, handlers);
    live.start();
    const socket = await connect();
    const { id } = socket.subscriptions()[0]!;
    const refusal = {
      message: 'since: this cursor is older than the event log; reload and subscribe again',
      extensions: { code: 'BAD_USER_INPUT', field: 'since', reason: 'RESYNC_REQUIRED' },
    };
    // What the server sends today: the refusal as a result, then complete (each message its own task).
    socket.reply({ id, type: 'next', payload: { errors: [refusal] } });
    await settle();
    socket.reply({ id, type: 'complete' });
    await settle();
    expect(resync).toHaveBeenCalledTimes(1);
    const again = socket.subscriptions();
    expect(again).toHaveLength(2);
    expect(again[1]!.payload.variables.since).toBe('900');

    // The protocol's other way to refuse: an `error` message.
    socket.reply({ id: again[1]!.id, type: 'error', payload: [refusal] });
    await settle();
    expect(resync).toHaveBeenCalledTimes(2);
    expect(socket.subscriptions()).toHaveLength(3);
    // All on the same socket: a refused subscription is not a reason to reconnect.
    expect(FakeSocket.all).toHaveLength(1);
    live.stop();
  });

  it('keeps trying to reload when the reload itself fails', async () => {
    const { live, handlers, resync } = setup();
    resync.mockRejectedValueOnce(new Error('Failed to fetch')).mockResolvedValueOnce('900');
    live.subscribe('3', null, handlers);
    live.start();
    const socket = await connect();
    const { id } = socket.subscriptions()[0]!;
    socket.reply({ id, type: 'error', payload: [{ message: 'old', extensions: { reason: 'RESYNC_REQUIRED' } }] });
    await settle();
    expect(socket.subscriptions()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(resync).toHaveBeenCalledTimes(2);
    expect(socket.subscriptions()[1]!.payload.variables.since).toBe('900');
    live.stop();
  });

  it('when the server refuses the session (4403), does not retry and asks whether the session is over', async () => {
    const { live, handlers, check } = setup(() => Promise.resolve('ended'));
    live.subscribe('1', null, handlers);
    live.start();
    latest().accept();
    await settle();
    latest().close(4403, 'Forbidden');
    await settle();
    expect(check).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    live.stop();
  });

  it('starts over when the session turns out to be fine (the server could not check it then)', async () => {
    const { live, handlers, check } = setup(() => Promise.resolve('valid'));
    live.subscribe('1', null, handlers);
    live.start();
    await connect();
    latest().close(4403, 'Forbidden');
    await settle();
    expect(check).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(FakeSocket.all).toHaveLength(2);
    const socket = await connect();
    expect(socket.subscriptions().map((s) => s.payload.variables.since)).toEqual(['1']);
    live.stop();
  });

  it('says offline with the browser, and reconnects as soon as the network is back', async () => {
    const { live, handlers, network, status } = setup();
    live.subscribe('1', null, handlers);
    live.start();
    await connect();
    network.set(false);
    expect(status()).toBe('offline');
    latest().close(1006, '');
    await settle();
    // Failed attempts while offline back off further and further…
    for (let i = 0; i < 4; i++) {
      await vi.advanceTimersByTimeAsync(30_000);
      latest().close(1006, '');
      await settle();
    }
    const attempts = FakeSocket.all.length;
    // …but coming back online ends the wait at once.
    network.set(true);
    await settle();
    expect(FakeSocket.all.length).toBe(attempts + 1);
    await connect();
    expect(status()).toBe('live');
    live.stop();
  });

  it('counts as offline when retries keep failing', async () => {
    const { live, handlers, status } = setup();
    live.subscribe('1', null, handlers);
    live.start();
    for (let i = 0; i < 3; i++) {
      latest().close(1006, '');
      await vi.advanceTimersByTimeAsync(30_000);
    }
    expect(status()).toBe('offline');
    live.stop();
  });

  it('stops for good on stop: the socket closes, no retry, unsubscribed views get nothing', async () => {
    const { live, handlers, batches } = setup();
    const unsubscribe = live.subscribe('1', null, handlers);
    live.start();
    const socket = await connect();
    const { id } = socket.subscriptions()[0]!;
    socket.reply({ id, type: 'next', payload: { data: { opsEvents: event('2') } } });
    unsubscribe();
    expect(socket.sent.at(-1)).toEqual({ id, type: 'complete' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(batches).toEqual([]);
    live.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(socket.readyState).toBe(FakeSocket.CLOSED);
    expect(FakeSocket.all).toHaveLength(1);
  });
});
