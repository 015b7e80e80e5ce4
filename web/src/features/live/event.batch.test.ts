// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBatcher, createReloadScheduler } from './event.batch';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createBatcher', () => {
  it('hands over the first item after a quiet spell at once, with what arrived in the same turn', async () => {
    const batches: number[][] = [];
    const batch = createBatcher<number>((items) => batches.push(items), 250);
    batch.push(1);
    batch.push(2);
    expect(batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(0);
    expect(batches).toEqual([[1, 2]]);
  });

  it('gathers what follows a hand-over until the interval after it, in order', async () => {
    const batches: number[][] = [];
    const batch = createBatcher<number>((items) => batches.push(items), 250);
    batch.push(1);
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(100);
    batch.push(2);
    await vi.advanceTimersByTimeAsync(100);
    batch.push(3);
    await vi.advanceTimersByTimeAsync(49);
    expect(batches).toEqual([[1]]);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches).toEqual([[1], [2, 3]]);
    // Quiet for longer than the interval: the next item goes at once again.
    await vi.advanceTimersByTimeAsync(400);
    batch.push(4);
    await vi.advanceTimersByTimeAsync(0);
    expect(batches).toEqual([[1], [2, 3], [4]]);
  });

  it('keeps a steady stream flowing: one hand-over per interval, not a debounce', async () => {
    const batches: number[][] = [];
    const batch = createBatcher<number>((items) => batches.push(items), 250);
    for (let i = 0; i < 10; i++) {
      batch.push(i);
      await vi.advanceTimersByTimeAsync(100);
    }
    // Handed over at 0, 250, 500, 750 and 1,000 ms.
    expect(batches).toEqual([[0], [1, 2], [3, 4], [5, 6, 7], [8, 9]]);
  });

  it('flushes at once on request, and cancel drops what gathered', () => {
    const batches: number[][] = [];
    const batch = createBatcher<number>((items) => batches.push(items), 250);
    batch.push(1);
    batch.flush();
    expect(batches).toEqual([[1]]);
    batch.push(2);
    batch.cancel();
    vi.advanceTimersByTime(1_000);
    expect(batches).toEqual([[1]]);
  });
});

describe('createReloadScheduler', () => {
  it('reloads at once after a quiet spell, then once for the rest of a burst, the interval after the last start', async () => {
    const reload = vi.fn(() => Promise.resolve());
    const scheduler = createReloadScheduler(reload, 300);
    scheduler.request();
    scheduler.request();
    await vi.advanceTimersByTimeAsync(0);
    expect(reload).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(100);
    scheduler.request();
    scheduler.request();
    await vi.advanceTimersByTimeAsync(199);
    expect(reload).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(reload).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1_000);
    scheduler.request();
    await vi.advanceTimersByTimeAsync(0);
    expect(reload).toHaveBeenCalledTimes(3);
  });

  it('with leading: false, waits the delay after the first request of a burst every time', async () => {
    const reload = vi.fn(() => Promise.resolve());
    const scheduler = createReloadScheduler(reload, 300, { leading: false });
    scheduler.request();
    await vi.advanceTimersByTimeAsync(200);
    scheduler.request();
    await vi.advanceTimersByTimeAsync(99);
    expect(reload).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(reload).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(5_000);
    scheduler.request();
    await vi.advanceTimersByTimeAsync(299);
    expect(reload).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(reload).toHaveBeenCalledTimes(2);
  });

  it('never runs two reloads at once, and reloads again after one that may have read too early', async () => {
    let finish!: () => void;
    const reload = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const scheduler = createReloadScheduler(reload, 300);
    scheduler.request();
    await vi.advanceTimersByTimeAsync(300);
    expect(reload).toHaveBeenCalledTimes(1);
    scheduler.request();
    scheduler.request();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(reload).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(300);
    expect(reload).toHaveBeenCalledTimes(2);
  });

  it('carries on after a failed reload, and does nothing once disposed', async () => {
    const reload = vi.fn(() => Promise.reject(new Error('offline')));
    const scheduler = createReloadScheduler(reload, 300);
    scheduler.request();
    await vi.advanceTimersByTimeAsync(300);
    scheduler.request();
    await vi.advanceTimersByTimeAsync(300);
    expect(reload).toHaveBeenCalledTimes(2);
    scheduler.request();
    scheduler.dispose();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(reload).toHaveBeenCalledTimes(2);
  });
});
