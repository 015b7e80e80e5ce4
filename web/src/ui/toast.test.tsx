import { MantineProvider } from '@mantine/core';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { useEffect } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ToastProvider, UNDO_WINDOW_MS, useToast, type Undoable } from './toast';

type Api = ReturnType<typeof useToast>;
let api: Api;

/** Hands the toast API to the test. */
function Probe({ onApi }: { onApi: (api: Api) => void }) {
  const toast = useToast();
  useEffect(() => {
    onApi(toast);
  }, [onApi, toast]);
  return null;
}

function mount() {
  return render(
    <MantineProvider>
      <ToastProvider>
        <Probe onApi={(value) => (api = value)} />
      </ToastProvider>
    </MantineProvider>,
  );
}

describe('ToastProvider', () => {
  // The undo window is a duration: these tests move the clock instead of waiting for it.
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const undoable = (overrides: Partial<Undoable> = {}) => {
    const calls = { commit: 0, undo: 0 };
    act(() =>
      api.undoable({
        title: 'Resolved — Broken head',
        commit: () => void calls.commit++,
        onUndo: () => void calls.undo++,
        ...overrides,
      }),
    );
    return calls;
  };

  it('commits when the undo window has passed, not before, and only once', () => {
    mount();
    const calls = undoable();
    act(() => vi.advanceTimersByTime(UNDO_WINDOW_MS - 1));
    expect(calls).toEqual({ commit: 0, undo: 0 });
    expect(screen.getByText('Resolved — Broken head')).toBeTruthy();
    act(() => vi.advanceTimersByTime(1));
    expect(calls).toEqual({ commit: 1, undo: 0 });
    expect(screen.queryByText('Resolved — Broken head')).toBeNull();
    act(() => vi.advanceTimersByTime(UNDO_WINDOW_MS));
    expect(calls.commit).toBe(1);
  });

  it('undoes instead of committing', () => {
    mount();
    const calls = undoable();
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    act(() => vi.advanceTimersByTime(UNDO_WINDOW_MS * 2));
    expect(calls).toEqual({ commit: 0, undo: 1 });
  });

  it('commits at once when the toast is dismissed, or the page is left', () => {
    mount();
    const dismissed = undoable();
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(dismissed).toEqual({ commit: 1, undo: 0 });
    const left = undoable({ title: 'Resolved — Weeds' });
    act(() => void window.dispatchEvent(new Event('pagehide')));
    expect(left).toEqual({ commit: 1, undo: 0 });
    act(() => vi.advanceTimersByTime(UNDO_WINDOW_MS));
    expect([dismissed.commit, left.commit]).toEqual([1, 1]);
  });

  it('closes a plain toast by itself', () => {
    mount();
    act(() => void api.show({ title: 'Verified — Broken head', autoCloseMs: 5_000 }));
    expect(screen.getByText('Verified — Broken head')).toBeTruthy();
    act(() => vi.advanceTimersByTime(5_000));
    expect(screen.queryByText('Verified — Broken head')).toBeNull();
  });
});
