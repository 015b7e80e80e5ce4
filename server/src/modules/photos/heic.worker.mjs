// @ts-check
/**
 * One HEIC decode, on a worker thread of the pool in heic.decoder.ts. libheif
 * (heic-decode, WebAssembly) decodes synchronously: ~3 s of CPU for a 12-MP
 * iPhone photo that, on the main thread, would stall every request and
 * WebSocket for as long. Plain JavaScript (not TypeScript) so that Node loads
 * it as it is however the server runs: compiled (`dist/`, where tsc emits it), from
 * `src/` under @swc-node/register, or under vitest.
 *
 * Answers are data, never throws: a file libheif cannot read is the client's
 * fault (the caller answers 400); a failing pool or thread is the server's (500).
 */
import heicDecode from 'heic-decode';
import { move, transferableSymbol, valueSymbol } from 'piscina';

/**
 * @param {{ bytes: Uint8Array; maxPixels: number }} task
 * @returns {Promise<import('./heic.decoder.js').HeicAnswer | ReturnType<typeof move>>}
 */
export default async function decodeHeic({ bytes, maxPixels }) {
  /** @type {Awaited<ReturnType<typeof heicDecode.all>>} */
  let images;
  try {
    // The container only: sizes from the header, no pixels decoded yet.
    images = await heicDecode.all({ buffer: bytes });
  } catch (error) {
    return unreadable(error);
  }
  try {
    const primary = images[0];
    if (!primary) return { kind: 'empty' };
    // Refused before decoding: a small file can declare a huge image.
    if (primary.width * primary.height > maxPixels) {
      return { kind: 'tooLarge', width: primary.width, height: primary.height };
    }
    const { width, height, data } = await primary.decode();
    // The RGBA pixels (48 MB for 12 MP) move to the main thread instead of being copied.
    return move({
      [transferableSymbol]: data.buffer,
      [valueSymbol]: { kind: 'image', width, height, data },
    });
  } catch (error) {
    return unreadable(error);
  } finally {
    images.dispose?.();
  }
}

/** @param {unknown} error */
function unreadable(error) {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return /** @type {const} */ ({ kind: 'unreadable', reason });
}
