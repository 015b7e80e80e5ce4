import { configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Pages load as their own chunks (React.lazy): on a busy machine the first one can take more
// than the default second to arrive. findBy* still waits for the element, only longer.
configure({ asyncUtilTimeout: 5_000 });

// Pure-logic tests run in the node environment (faster); only DOM tests need
// the stubs and cleanup below.
if (typeof window !== 'undefined') {
  // jsdom lacks the layout APIs Mantine relies on (media queries for
  // responsive props, ResizeObserver for ScrollArea/Tabs): inert stand-ins.
  if (!window.matchMedia) {
    window.matchMedia = (query: string) =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => {},
        removeListener: () => {},
        addEventListener: () => {},
        removeEventListener: () => {},
        dispatchEvent: () => false,
      }) as MediaQueryList;
  }

  if (typeof globalThis.ResizeObserver === 'undefined') {
    globalThis.ResizeObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
  }

  Element.prototype.scrollIntoView ??= () => {};

  // Nor the font loading API (Mantine's autosizing Textarea listens for fonts to finish loading).
  if (!('fonts' in document)) {
    Object.defineProperty(document, 'fonts', { value: Object.assign(new EventTarget(), { ready: Promise.resolve() }) });
  }

  // jsdom has no WebGL (it would log "not implemented"): the app sees a
  // browser without WebGL, which also keeps maplibre out of component tests.
  HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;

  // Testing Library only cleans up by itself when test globals are enabled.
  const { cleanup } = await import('@testing-library/react');
  afterEach(() => cleanup());
}
