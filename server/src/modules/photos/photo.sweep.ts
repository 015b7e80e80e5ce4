import type { EntityManager } from '@mikro-orm/sql';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import { deleteOrphanPhotos } from './photo.service.js';
import type { PhotoStore } from './photo.store.js';

/**
 * Deletes uploads never attached (a capture abandoned, a retry's twin) every
 * `intervalSeconds`. Safe on many instances: rows are claimed with SKIP LOCKED.
 */
export class PhotoSweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly fork: () => EntityManager,
    private readonly store: PhotoStore,
    private readonly options: { intervalSeconds: number; clock: Clock; logger: Logger },
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sweep().catch(() => undefined), this.options.intervalSeconds * 1000);
    this.timer.unref();
  }

  /** One pass; resolves with how many photos were deleted. */
  sweep(): Promise<number> {
    this.running ??= deleteOrphanPhotos(this.fork(), this.store, this.options.clock.now(), this.options.logger)
      .then((n) => {
        if (n > 0) this.options.logger.info({ deleted: n }, 'unattached photo uploads deleted');
        return n;
      })
      .catch((error) => {
        this.options.logger.warn({ err: error }, 'deleting unattached photo uploads failed');
        throw error;
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }
}
