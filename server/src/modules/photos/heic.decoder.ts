import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';

/**
 * HEIC decodes at once, each on a thread of its own. A 12-MP photo takes a
 * thread ~3 s and ~100 MB (libheif's WebAssembly memory, the RGBA pixels);
 * more at once would take the cores the event loop and libvips need.
 */
export const HEIC_DECODE_THREADS = 2;

/** A decode thread left idle this long ends, and gives back its WebAssembly memory. */
const IDLE_MS = 60_000;

/** What the worker (heic.worker.mjs) answers for one file. */
export type HeicAnswer =
  | { kind: 'image'; width: number; height: number; /** RGBA, 4 bytes per pixel. */ data: Uint8ClampedArray }
  | { kind: 'tooLarge'; width: number; height: number }
  | { kind: 'empty' }
  | { kind: 'unreadable'; reason: string };

/**
 * Decodes HEIC/HEIF off the event loop: a pool of at most
 * HEIC_DECODE_THREADS worker threads, started on the first HEIC and
 * queueing the rest. The pixel limit is checked in the worker from the
 * header, before any pixel is decoded. One per server; `close()` ends its threads.
 */
export class HeicDecoder {
  private readonly pool: Piscina<{ bytes: Uint8Array; maxPixels: number }, HeicAnswer>;

  constructor(options: { threads?: number } = {}) {
    this.pool = new Piscina({
      // Beside this file in src/ and in dist/ alike (tsc emits it there: allowJs).
      filename: fileURLToPath(new URL('./heic.worker.mjs', import.meta.url)),
      minThreads: 0,
      maxThreads: options.threads ?? HEIC_DECODE_THREADS,
      concurrentTasksPerWorker: 1,
      idleTimeout: IDLE_MS,
      // The worker is plain JavaScript: no loader hooks (swc, vitest) to start in each thread.
      execArgv: [],
    });
  }

  /** Decodes `bytes` unless its header declares more than `maxPixels`. Rejects only when the pool fails. */
  decode(bytes: Uint8Array, maxPixels: number): Promise<HeicAnswer> {
    return this.pool.run({ bytes, maxPixels });
  }

  /** Ends the threads; decodes still queued are refused. */
  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
