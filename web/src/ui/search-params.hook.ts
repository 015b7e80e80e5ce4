import { useCallback, useLayoutEffect, useRef } from 'react';
import { useSearchParams, type NavigateOptions } from 'react-router';

/** Changes the page's search params from what they are now (including a change not rendered yet). */
export type SearchParamsUpdate = (
  next: (current: URLSearchParams) => URLSearchParams,
  options?: NavigateOptions,
) => void;

/**
 * `useSearchParams` whose updates build on the latest params written. React
 * Router hands a functional update the params of the last render, so two
 * clicks before the page re-renders (a sort header clicked twice on a busy
 * phone) both start from the same state and the second is lost; here each
 * update starts from the one before it.
 */
export function useSearchParamsState(): [URLSearchParams, SearchParamsUpdate] {
  const [params, setParams] = useSearchParams();
  const latest = useRef(params);
  const setter = useRef(setParams);
  // A navigation (Back, a link) replaces whatever was written before it.
  useLayoutEffect(() => {
    latest.current = params;
  }, [params]);
  useLayoutEffect(() => {
    setter.current = setParams;
  }, [setParams]);
  const update = useCallback<SearchParamsUpdate>((next, options) => {
    const value = next(new URLSearchParams(latest.current));
    latest.current = value;
    setter.current(value, options);
  }, []);
  return [params, update];
}
