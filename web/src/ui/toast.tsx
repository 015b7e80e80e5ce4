import { Button, Group, Notification, Portal, Stack, Text } from '@mantine/core';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

export type ToastTone = 'green' | 'blue' | 'orange' | 'red';

export type ToastInput = {
  title: string;
  message?: ReactNode;
  tone?: ToastTone;
  /** One action beside the message (e.g. Undo). */
  action?: { label: string; onClick: () => void };
  /** Closes by itself after this long; 0 keeps it until closed. */
  autoCloseMs?: number;
  /** Called when the person closes it (not when it closes by itself or is hidden). */
  onDismiss?: () => void;
};

type Toast = ToastInput & { id: number };

export type Undoable = {
  /** What is about to happen, e.g. "Resolved — Broken head by gate". */
  title: string;
  message?: ReactNode;
  /** How long the person may take it back. */
  windowMs?: number;
  /** Does it: runs once the window has passed, or at once when the toast is dismissed. */
  commit: () => void | Promise<void>;
  /** Runs instead of `commit` when the person taps Undo. */
  onUndo?: () => void;
};

type ToastApi = {
  show: (toast: ToastInput) => number;
  hide: (id: number) => void;
  /** Shows an Undo toast and runs `commit` when the window passes (or the toast is dismissed), unless undone. */
  undoable: (action: Undoable) => void;
};

export const UNDO_WINDOW_MS = 8_000;
const DEFAULT_AUTO_CLOSE_MS = 6_000;

const ToastContext = createContext<ToastApi | null>(null);

/** Toasts from any page, drawer or sheet; Undo windows live here, so closing a drawer does not cancel one. */
export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast needs a <ToastProvider> above it');
  return api;
}

/**
 * Holds the toasts (bottom of the screen, where a thumb reaches on a phone)
 * and the pending undoable actions. An action still waiting when the page is
 * hidden or left is committed then: leaving is not undoing.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());
  const pending = useRef(new Map<number, () => void>());

  const hide = useCallback((id: number) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setToasts((current) => current.filter((t) => t.id !== id));
  }, []);

  const show = useCallback(
    (toast: ToastInput) => {
      const id = nextId.current++;
      setToasts((current) => [...current, { ...toast, id }]);
      const autoClose = toast.autoCloseMs ?? DEFAULT_AUTO_CLOSE_MS;
      if (autoClose > 0)
        timers.current.set(
          id,
          setTimeout(() => hide(id), autoClose),
        );
      return id;
    },
    [hide],
  );

  const undoable = useCallback(
    ({ title, message, windowMs = UNDO_WINDOW_MS, commit, onUndo }: Undoable) => {
      let settled = false;
      let id = 0;
      const settle = (run: () => void) => {
        if (settled) return;
        settled = true;
        pending.current.delete(id);
        hide(id);
        run();
      };
      const doIt = () => settle(() => void commit());
      id = show({
        title,
        message,
        tone: 'blue',
        autoCloseMs: 0,
        action: { label: 'Undo', onClick: () => settle(() => onUndo?.()) },
        onDismiss: doIt,
      });
      pending.current.set(id, doIt);
      timers.current.set(id, setTimeout(doIt, windowMs));
    },
    [hide, show],
  );

  useEffect(() => {
    const flush = () => [...pending.current.values()].forEach((run) => run());
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, []);

  const api = useMemo(() => ({ show, hide, undoable }), [show, hide, undoable]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      {toasts.length > 0 && (
        <Portal>
          <Stack
            gap="xs"
            aria-live="polite"
            data-testid="toasts"
            style={{
              position: 'fixed',
              left: '50%',
              bottom: 16,
              transform: 'translateX(-50%)',
              width: 'min(440px, calc(100vw - 24px))',
              zIndex: 1000,
            }}
          >
            {toasts.map((toast) => (
              <Notification
                key={toast.id}
                role="status"
                data-testid="toast"
                color={toast.tone ?? 'green'}
                title={toast.title}
                withBorder
                closeButtonProps={{ 'aria-label': 'Dismiss' }}
                onClose={() => {
                  hide(toast.id);
                  toast.onDismiss?.();
                }}
              >
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  {toast.message ? (
                    <Text size="sm" component="div">
                      {toast.message}
                    </Text>
                  ) : (
                    <span />
                  )}
                  {toast.action && (
                    <Button size="compact-sm" variant="light" onClick={toast.action.onClick}>
                      {toast.action.label}
                    </Button>
                  )}
                </Group>
              </Notification>
            ))}
          </Stack>
        </Portal>
      )}
    </ToastContext.Provider>
  );
}
