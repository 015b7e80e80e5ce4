import { act, render } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { SearchParamsWrites, useSearchParamsState, type SearchParamsUpdate } from './search-params.hook';

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

describe('SearchParamsWrites', () => {
  const p = (search: string) => new URLSearchParams(search);
  it('builds on the latest write while renders lag behind, and yields to a navigation it did not write', () => {
    const writes = new SearchParamsWrites(p('dir=asc'));
    writes.written(p('dir=desc'));
    writes.written(p('dir=asc&trend=overdue'));
    // The first write renders late (a transition): the second is still the one to build on.
    writes.rendered(p('dir=desc'));
    expect(writes.current().toString()).toBe('dir=asc&trend=overdue');
    writes.written(p('dir=desc&trend=overdue'));
    writes.rendered(p('dir=asc&trend=overdue'));
    expect(writes.current().toString()).toBe('dir=desc&trend=overdue');
    writes.rendered(p('dir=desc&trend=overdue'));
    expect(writes.current().toString()).toBe('dir=desc&trend=overdue');
    // Back: params this page did not write replace what it had.
    writes.written(p('dir=asc'));
    writes.rendered(p('month=2026-10'));
    expect(writes.current().toString()).toBe('month=2026-10');
  });
});
