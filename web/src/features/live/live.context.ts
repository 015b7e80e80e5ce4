import { createContext, useContext } from 'react';
import type { LiveClient } from './live.client';

/** The signed-in session's live-update client; null when nobody is signed in (and in tests that leave it out). */
export const LiveContext = createContext<LiveClient | null>(null);

export function useLive(): LiveClient | null {
  return useContext(LiveContext);
}
