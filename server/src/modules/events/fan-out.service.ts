import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { SLOW_CONSUMER_CLOSE_CODE } from '@groundwork/shared';
import type { Logger } from '../../platform/logger.js';
import type { EventLog, LoggedEvent } from './event-log.service.js';
import type { EventSubscription } from './ops-event.subscription.js';

/** How one cohort turns an event into the JSON of a `next` payload (executed once for all its subscribers). */
export interface CohortRenderer {
  key: string;
  render(event: LoggedEvent): Promise<string>;
}

/** One subscriber's end of the socket. */
export interface DeliverySink {
  /** Sends the payload JSON as this subscription's `next` message. */
  send(payloadJson: string): void;
  /** Bytes queued on the socket and not yet written to the network. */
  bufferedBytes(): number;
  close(code: number, reason: string): void;
}

export interface Delivery {
  /** Settles when the delivery ends (subscriber gone, slow consumer closed, or a failed replay). */
  ended: Promise<void>;
  stop(): void;
}

interface Subscriber {
  subscription: EventSubscription;
  sink: DeliverySink;
  /** The sequence number of the last event this subscriber has been given (or skipped past, during replay). */
  last: bigint;
  /** Live events that arrived while the subscriber was still replaying from the log. */
  pending: LoggedEvent[] | null;
  stopped: boolean;
  end(): void;
}

interface Cohort {
  renderer: CohortRenderer;
  /** Every subscriber of a cohort has the same filter and permission scope, so one of them decides for all. */
  subscribers: Set<Subscriber>;
}

// Sockets written between two turns of the event loop: keeps pongs, HTTP requests and the writer's
// own COMMIT flowing while one event reaches ten thousand subscribers.
const SENDS_PER_TURN = 512;

/**
 * This instance's delivery of live events: each event is checked, executed and
 * serialised once per cohort, and the same string is written to every socket
 * of the cohort. Events are delivered strictly in log order; a subscriber's
 * socket that cannot keep up past `bufferBytes` is closed with 4413 and the
 * cursor to resume from.
 */
export class FanOut {
  private cohorts = new Map<string, Cohort>();
  private queue: LoggedEvent[] = [];
  private running = false;
  private unsubscribe: () => void;

  constructor(
    private readonly log: EventLog,
    private readonly options: { bufferBytes: number; replayLimit: number; logger: Logger },
  ) {
    this.unsubscribe = log.subscribe((batch) => {
      for (const event of batch) this.queue.push(event);
      if (!this.running) void this.run();
    });
  }

  get subscriberCount(): number {
    let n = 0;
    for (const cohort of this.cohorts.values()) n += cohort.subscribers.size;
    return n;
  }

  dispose(): void {
    this.unsubscribe();
    for (const cohort of this.cohorts.values()) for (const s of cohort.subscribers) s.end();
    this.cohorts.clear();
  }

  /**
   * Starts delivering a validated subscription: from its `since` (replayed
   * from the log, while live events wait in a bounded buffer) or from now.
   */
  attach(subscription: EventSubscription, renderer: CohortRenderer, sink: DeliverySink): Delivery {
    let resolveEnded!: () => void;
    const ended = new Promise<void>((resolve) => (resolveEnded = resolve));
    const replaying = subscription.since !== null;
    const subscriber: Subscriber = {
      subscription,
      sink,
      last: subscription.since ?? BigInt(this.log.head),
      pending: replaying ? [] : null,
      stopped: false,
      end: () => {
        if (subscriber.stopped) return;
        subscriber.stopped = true;
        this.remove(subscriber, renderer.key);
        resolveEnded();
      },
    };
    let cohort = this.cohorts.get(renderer.key);
    if (!cohort) {
      cohort = { renderer, subscribers: new Set() };
      this.cohorts.set(renderer.key, cohort);
    }
    // Registered before the replay reads the log, so every event is either in the log read or in `pending`.
    cohort.subscribers.add(subscriber);
    if (replaying) {
      this.replay(subscriber, renderer).catch((error) => {
        this.options.logger.error({ err: error }, 'replaying ops events failed');
        subscriber.sink.close(1011, 'Could not read the event log: resubscribe with your cursor');
        subscriber.end();
      });
    }
    return { ended, stop: subscriber.end };
  }

  private remove(subscriber: Subscriber, key: string): void {
    const cohort = this.cohorts.get(key);
    if (!cohort) return;
    cohort.subscribers.delete(subscriber);
    if (cohort.subscribers.size === 0) this.cohorts.delete(key);
  }

  private async replay(subscriber: Subscriber, renderer: CohortRenderer): Promise<void> {
    const { subscription } = subscriber;
    for (;;) {
      const page = await this.log.readAfter(subscriber.last.toString());
      if (subscriber.stopped) return;
      if (page.length === 0) break;
      for (const event of page) {
        if (subscription.accepts(event)) {
          const json = await renderer.render(event);
          // The replay goes at the reader's pace: it waits for the socket instead of cutting it off.
          while (subscriber.sink.bufferedBytes() > this.options.bufferBytes && !subscriber.stopped) await sleep(10);
          if (subscriber.stopped) return;
          subscriber.sink.send(json);
        }
        subscriber.last = BigInt(event.seq);
      }
    }
    // The seam: what arrived live during the replay, minus what the replay already gave. `pending`
    // stays in place until it is empty, so events arriving while this awaits queue behind it.
    const pending = subscriber.pending!;
    while (pending.length > 0) {
      const event = pending.shift()!;
      const seq = BigInt(event.seq);
      if (seq <= subscriber.last) continue;
      if (subscription.accepts(event)) {
        const json = await renderer.render(event);
        if (subscriber.stopped) return;
        if (!this.write(subscriber, json)) return;
      }
      subscriber.last = seq;
    }
    subscriber.pending = null;
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      let sends = 0;
      while (this.queue.length > 0) {
        const event = this.queue.shift()!;
        const seq = BigInt(event.seq);
        for (const cohort of [...this.cohorts.values()]) {
          const subscribers = [...cohort.subscribers];
          const first = subscribers[0];
          if (!first || !first.subscription.accepts(event)) continue;
          let json: string | null = null;
          for (const subscriber of subscribers) {
            if (subscriber.stopped || seq <= subscriber.last) continue;
            if (subscriber.pending) {
              if (subscriber.pending.length >= this.options.replayLimit) this.closeSlow(subscriber);
              else subscriber.pending.push(event);
              continue;
            }
            if (json === null) {
              json = await cohort.renderer.render(event);
              if (subscriber.stopped || seq <= subscriber.last) continue;
            }
            if (this.write(subscriber, json)) subscriber.last = seq;
            if (++sends % SENDS_PER_TURN === 0) await nextTurn();
          }
        }
      }
    } catch (error) {
      this.options.logger.error({ err: error }, 'delivering ops events failed');
    } finally {
      this.running = false;
      if (this.queue.length > 0) void this.run();
    }
  }

  /** Writes one `next` unless the socket is already holding more than the limit. */
  private write(subscriber: Subscriber, json: string): boolean {
    if (subscriber.sink.bufferedBytes() > this.options.bufferBytes) {
      this.closeSlow(subscriber);
      return false;
    }
    subscriber.sink.send(json);
    return true;
  }

  private closeSlow(subscriber: Subscriber): void {
    subscriber.sink.close(SLOW_CONSUMER_CLOSE_CODE, `Slow consumer: resubscribe with since=${subscriber.last}`);
    subscriber.end();
  }
}
