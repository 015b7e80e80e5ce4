import { useCallback, useLayoutEffect, useRef } from 'react';
import { useSearchParams, type NavigateOptions } from 'react-router';

/** Changes the page's search params from what they are now (including a change not rendered yet). */
export type SearchParamsUpdate = (
  next: (current: URLSearchParams) => URLSearchParams,
  options?: NavigateOptions,
) => void;

/**
 * The params a page has written and the ones it has rendered. React Router
 * hands a functional update the params of the last render, and renders a
 * navigation in a transition, so a render can lag several writes behind (a
 * sort header clicked three times on a busy phone): each write must start
 * from the one before it, and a late render of an older write must not
 * replace a newer one. A render of params this page did not write (Back, a
 * link) replaces whatever it wrote.
 */
export class SearchParamsWrites {
  private latest: URLSearchParams;
  /** What was written and not rendered yet, oldest first. */
  private pending: string[] = [];

  constructor(rendered: URLSearchParams) {
    this.latest = new URLSearchParams(rendered);
  }

  /** The params to change: the latest written, or rendered when nothing is waiting. */
  current(): URLSearchParams {
    return new URLSearchParams(this.latest);
  }

  written(params: URLSearchParams): void {
    this.latest = new URLSearchParams(params);
    this.pending.push(params.toString());
  }

  rendered(params: URLSearchParams): void {
    const at = this.pending.indexOf(params.toString());
    if (at >= 0) {
      // One of ours, rendered: the writes after it are still to come.
      this.pending = this.pending.slice(at + 1);
      if (this.pending.length > 0) return;
    } else {
      this.pending = [];
    }
    this.latest = new URLSearchParams(params);
  }
}

/** `useSearchParams` whose updates build on the latest params written (see {@link SearchParamsWrites}). */
export function useSearchParamsState(): [URLSearchParams, SearchParamsUpdate] {
  const [params, setParams] = useSearchParams();
  const writes = useRef<SearchParamsWrites | null>(null);
  const setter = useRef(setParams);
  useLayoutEffect(() => {
    writes.current ??= new SearchParamsWrites(params);
    writes.current.rendered(params);
  }, [params]);
  useLayoutEffect(() => {
    setter.current = setParams;
  }, [setParams]);
  const update = useCallback<SearchParamsUpdate>((next, options) => {
    const value = next(writes.current?.current() ?? new URLSearchParams(window.location.search));
    writes.current?.written(value);
    setter.current(value, options);
  }, []);
  return [params, update];
}
