import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { Outbox } from './outbox.store';
import type { OutboxItem } from './outbox.rules';

let shared: Outbox | null = null;

/**
 * The phone's one outbox and its items. It sends on open, whenever the
 * browser comes back online, and after each capture.
 */
export function useOutbox(): { outbox: Outbox; items: OutboxItem[] } {
  const client = useApolloClient();
  shared ??= new Outbox(client);
  const outbox = shared;
  const [items, setItems] = useState<OutboxItem[]>([]);
  useEffect(() => {
    const stop = outbox.watch(setItems);
    const online = () => void outbox.flush();
    window.addEventListener('online', online);
    void outbox.flush();
    return () => {
      stop();
      window.removeEventListener('online', online);
    };
  }, [outbox]);
  return { outbox, items };
}
