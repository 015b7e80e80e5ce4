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
  it('hands over what gathered within the interval after the first item, in order', () => {
    const batches: number[][] = [];
    const batch = createBatcher<number>((items) => batches.push(items), 250);
    batch.push(1);
    vi.advanceTimersByTime(200);
    batch.push(2);
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(batches).toEqual([[1, 2]]);
  });

  it('keeps a steady stream flowing: a fixed delay, not a debounce', () => {
    const batches: number[][] = [];
    const batch = createBatcher<number>((items) => batches.push(items), 250);
    for (let i = 0; i < 10; i++) {
      batch.push(i);
      vi.advanceTimersByTime(100);
    }
    expect(batches.length).toBeGreaterThanOrEqual(3);
    expect(batches.flat()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
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
  it('reloads once for a burst of requests', async () => {
    const reload = vi.fn(() => Promise.resolve());
    const scheduler = createReloadScheduler(reload, 300);
    scheduler.request();
    scheduler.request();
    await vi.advanceTimersByTimeAsync(100);
    scheduler.request();
    await vi.advanceTimersByTimeAsync(200);
    expect(reload).toHaveBeenCalledTimes(1);
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
