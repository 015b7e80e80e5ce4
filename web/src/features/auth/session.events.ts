type Listener = (message: string) => void;

/**
 * Carries "the server says this session is over" from the Apollo link, which
 * lives outside React, to the AuthProvider.
 */
export type SessionEvents = {
  end: (message: string) => void;
  subscribe: (listener: Listener) => () => void;
};

export function createSessionEvents(): SessionEvents {
  const listeners = new Set<Listener>();
  return {
    end: (message) => {
      for (const listener of listeners) listener(message);
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
