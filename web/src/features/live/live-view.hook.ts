import { useApolloClient } from '@apollo/client/react';
import { useEffect, useEffectEvent, useState } from 'react';
import { createReloadScheduler } from './event.batch';
import { applyWrites, cacheProbe } from './event.apply';
import { planEvents, type LiveEvent } from './event.plan';
import type { LiveFilter } from './live.client';
import { useLive } from './live.context';

type LiveViewOptions = {
  /**
   * The `eventCursor` the view's data was read at, once that data has come
   * from the server; undefined while it loads (or shows what the cache held
   * from an earlier visit, read at some older cursor).
   */
  cursor: string | undefined;
  /** What the server sends this view; null for everything the user may see. */
  filter: LiveFilter | null;
  /** Whether an event concerns what the view shows (its account, one of its rows). */
  touches: (event: LiveEvent) => boolean;
  /** Reloads the view from the server; resolves with the cursor the new data was read at. */
  reload: () => Promise<string | undefined>;
};

/**
 * Keeps a view current: subscribes from the cursor its data was read at (so
 * nothing between the read and the subscription is lost), writes each batch
 * of events into the cache, and reloads the view when an event changes
 * something its cached data cannot show.
 */
export function useLiveView({ cursor, filter, touches, reload }: LiveViewOptions): void {
  const live = useLive();
  const client = useApolloClient();
  const filterKey = JSON.stringify(filter);

  // The subscription starts from the first cursor read for this filter and then keeps its own
  // place; later reads (reloads, "Load more") do not restart it.
  const [start, setStart] = useState<{ filterKey: string; cursor: string } | null>(null);
  if (cursor !== undefined && start?.filterKey !== filterKey) setStart({ filterKey, cursor });
  const since = start?.filterKey === filterKey ? start.cursor : undefined;

  const touchesView = useEffectEvent((event: LiveEvent) => touches(event));
  const reloadView = useEffectEvent(() => reload());

  useEffect(() => {
    if (!live || since === undefined) return;
    const apply = (events: readonly LiveEvent[]) => {
      const plan = planEvents(events, cacheProbe(client.cache), (event) => touchesView(event));
      applyWrites(client.cache, plan.writes);
      return plan;
    };
    // Events that arrive while a reload is in flight may be newer than what it read, and its answer
    // overwrites them in the cache: apply them again once it is in (the version check keeps what the
    // reload already had).
    let duringReload: LiveEvent[] | null = null;
    const reloads = createReloadScheduler(async () => {
      duringReload = [];
      try {
        await reloadView();
      } finally {
        const arrived: readonly LiveEvent[] = duringReload;
        duringReload = null;
        if (arrived.length > 0) apply(arrived);
      }
    });
    const unsubscribe = live.subscribe(since, JSON.parse(filterKey) as LiveFilter | null, {
      onEvents: (events) => {
        duringReload?.push(...events);
        if (apply(events).refetch) reloads.request();
      },
      resync: () => reloadView(),
    });
    return () => {
      unsubscribe();
      reloads.dispose();
    };
  }, [live, client, filterKey, since]);
}
