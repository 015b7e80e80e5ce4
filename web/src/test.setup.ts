import { afterEach } from 'vitest';

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

  // jsdom has no WebGL (it would log "not implemented"): the app sees a
  // browser without WebGL, which also keeps maplibre out of component tests.
  HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;

  // Testing Library only cleans up by itself when test globals are enabled.
  const { cleanup } = await import('@testing-library/react');
  afterEach(() => cleanup());
}
