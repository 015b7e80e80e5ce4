import { Arg, Ctx, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { AccessPolicy } from '../auth/index.js';
import { EventLog, type LoggedEvent } from './event-log.service.js';
import { opsEventStream, type OpsEventFilterValue } from './ops-event.subscription.js';
import { OpsEventFilter, OpsEventType } from './ops-event.types.js';

@Resolver(() => OpsEventType)
export class OpsEventResolver {
  @Query(() => String, {
    description:
      'The event cursor as of the start of this request: ask for it with the data of a live view, then subscribe with since = it.',
  })
  eventCursor(@Ctx() ctx: RequestContext): string {
    new AccessPolicy(ctx).viewer();
    return ctx.eventCursor ?? '0';
  }

  @Subscription(() => OpsEventType, {
    description: 'Every event after `since` (or from now), then live: no gap, no duplicate, in commit order.',
    subscribe: ({ args, context }) => {
      const ctx = context as RequestContext;
      // The platform's context knows the log only by its head; the WebSocket server puts this module's EventLog there.
      const log = ctx.realtime?.log;
      if (!(log instanceof EventLog)) throw new Error('opsEvents is served over the WebSocket only');
      return opsEventStream(ctx, log, args.since, args.filter as OpsEventFilterValue);
    },
  })
  opsEvents(
    @Root() event: LoggedEvent,
    @Arg('since', () => String, { nullable: true }) _since: string | null,
    @Arg('filter', () => OpsEventFilter, { nullable: true }) _filter: OpsEventFilter | null,
  ): OpsEventType {
    return { ...event, cursor: event.seq };
  }
}
