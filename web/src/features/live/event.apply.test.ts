// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createCache } from '../../app/apollo.client';
import type { AccountIssues_IssuesFragment } from '../../gql/graphql';
import { AccountIssuesNextPageQuery } from '../accounts/AccountIssues';
import { AuthProvider_user } from '../auth/AuthProvider';
import { applyWrites, cacheProbe, LiveApply_crew } from './event.apply';
import type { IssueWrite } from './event.plan';

type Issue = AccountIssues_IssuesFragment['edges'][number]['node'];

const crew1 = { __typename: 'Crew' as const, id: 'c1', name: 'Irrigation East', color: '#1c7ed6' };

function cachedAccountIssues() {
  const cache = createCache();
  const issue: Issue = {
    __typename: 'Issue',
    id: 'i1',
    title: 'Broken head by gate',
    category: 'IRRIGATION_LEAK',
    urgency: 'ROUTINE',
    status: 'ASSIGNED',
    overdue: false,
    version: 1,
    dueAt: '2031-01-01T15:00:00.000Z',
    createdAt: '2030-12-20T15:00:00.000Z',
    property: { __typename: 'Property', id: 'p1', name: 'North campus' },
    crew: crew1,
  };
  cache.writeQuery({
    query: AccountIssuesNextPageQuery,
    variables: { accountId: 'a1', filter: { openOnly: true }, after: null },
    data: {
      account: {
        __typename: 'Account',
        id: 'a1',
        issues: {
          __typename: 'IssueConnection',
          totalCount: 1,
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'x' },
          edges: [{ __typename: 'IssueEdge', cursor: 'x', node: issue }],
        },
      },
    },
  });
  const read = () =>
    cache.readQuery({
      query: AccountIssuesNextPageQuery,
      variables: { accountId: 'a1', filter: { openOnly: true }, after: null },
    })?.account?.issues.edges[0]?.node;
  return { cache, read };
}

const write = (overrides: Partial<IssueWrite> = {}): IssueWrite => ({
  typename: 'Issue',
  id: 'i1',
  version: 2,
  status: 'IN_PROGRESS',
  urgency: 'URGENT',
  category: 'IRRIGATION_LEAK',
  dueAt: '2031-01-02T15:00:00.000Z',
  location: { lng: -104.95, lat: 39.72 },
  crewId: 'c1',
  ...overrides,
});

describe('applyWrites', () => {
  it('changes the cached Issue in place, and the list that shows it reads the change', () => {
    const { cache, read } = cachedAccountIssues();
    applyWrites(cache, [write()]);
    expect(read()).toMatchObject({
      status: 'IN_PROGRESS',
      urgency: 'URGENT',
      version: 2,
      dueAt: '2031-01-02T15:00:00.000Z',
      crew: crew1,
    });
  });

  it('adds no field the cache did not hold (location was never asked for here)', () => {
    const { cache } = cachedAccountIssues();
    applyWrites(cache, [write()]);
    expect(cache.extract()['Issue:i1']).not.toHaveProperty('location');
  });

  it('points the Issue at another cached crew, or at none', () => {
    const { cache, read } = cachedAccountIssues();
    const crew2 = { __typename: 'Crew' as const, id: 'c2', name: 'Maintenance North', color: '#2f9e44' };
    cache.writeFragment({ id: 'Crew:c2', fragment: LiveApply_crew, data: crew2 });
    applyWrites(cache, [write({ crewId: 'c2' })]);
    expect(read()?.crew).toEqual(crew2);
    applyWrites(cache, [write({ version: 3, status: 'OPEN', crewId: null })]);
    expect(read()?.crew).toBeNull();
  });

  it('leaves the crew alone when the write does not name one', () => {
    const { cache, read } = cachedAccountIssues();
    const { crewId: _omitted, ...withoutCrew } = write();
    applyWrites(cache, [withoutCrew]);
    expect(read()?.crew).toEqual(crew1);
  });
});

describe('cacheProbe', () => {
  it('reports the cached version, or that the entity is not cached', () => {
    const { cache } = cachedAccountIssues();
    const probe = cacheProbe(cache);
    expect(probe.version('Issue', 'i1')).toBe(1);
    expect(probe.version('Issue', 'nope')).toBeUndefined();
    expect(probe.version('Enhancement', 'i1')).toBeUndefined();
  });

  it('knows a crew only when it is cached with the fields the views show', () => {
    const { cache } = cachedAccountIssues();
    // The signed-in crew lead's crew comes with its name only.
    cache.writeFragment({
      id: 'User:u1',
      fragment: AuthProvider_user,
      data: {
        __typename: 'User',
        id: 'u1',
        email: 'lead@example.com',
        name: 'Lee',
        role: 'CREW_LEAD',
        crew: { __typename: 'Crew', id: 'c3', name: 'Tree care' },
      },
    });
    const probe = cacheProbe(cache);
    expect(probe.hasCrew('c1')).toBe(true);
    expect(probe.hasCrew('c3')).toBe(false);
    expect(probe.hasCrew('c9')).toBe(false);
  });
});
