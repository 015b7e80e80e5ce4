import { act, render } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { useSearchParamsState, type SearchParamsUpdate } from './search-params.hook';

describe('useSearchParamsState', () => {
  it('builds each update on the one before it, even before the page re-renders', () => {
    let update: SearchParamsUpdate = () => undefined;
    let search = '';
    function Probe() {
      const [, setParams] = useSearchParamsState();
      update = setParams;
      search = useLocation().search;
      return null;
    }
    render(
      <MemoryRouter initialEntries={['/kpis?dir=asc']}>
        <Probe />
      </MemoryRouter>,
    );
    const flip = (current: URLSearchParams) => {
      current.set('dir', current.get('dir') === 'asc' ? 'desc' : 'asc');
      return current;
    };
    // Changes in one task: React Router's own functional update would start each from "dir=asc",
    // losing all but the last.
    act(() => {
      update(flip, { replace: true });
      update((current) => (current.set('trend', 'overdue'), current), { replace: true });
    });
    expect(search).toBe('?dir=desc&trend=overdue');
    act(() => {
      update(flip, { replace: true });
      update(flip, { replace: true });
      update(flip, { replace: true });
    });
    expect(search).toBe('?dir=asc&trend=overdue');
  });
});
