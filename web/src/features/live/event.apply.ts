import type { ApolloCache } from '@apollo/client';
import type { Modifiers } from '@apollo/client/cache';
import { graphql } from '../../gql';
import type { CacheProbe, CacheWrite } from './event.plan';

// What the planner asks of the cache, and its writes applied, through the
// cache's public API only (readFragment, modify), so the type policies and
// watches behave as for any other write.

export const LiveApply_issue = graphql(`
  fragment LiveApply_issue on Issue {
    id
    version
  }
`);

export const LiveApply_enhancement = graphql(`
  fragment LiveApply_enhancement on Enhancement {
    id
    version
  }
`);

// The crew fields the views show beside an Issue: a crew cached with fewer
// (e.g. only its name, from the signed-in user) would leave them incomplete.
export const LiveApply_crew = graphql(`
  fragment LiveApply_crew on Crew {
    id
    name
    color
  }
`);

export function cacheProbe(cache: ApolloCache): CacheProbe {
  return {
    version(typename, id) {
      const fragment = typename === 'Issue' ? LiveApply_issue : LiveApply_enhancement;
      const entity = cache.readFragment<{ id?: string; version?: number }>({
        id: cache.identify({ __typename: typename, id }),
        fragment,
        returnPartialData: true,
      });
      if (!entity?.id) return undefined;
      return typeof entity.version === 'number' ? entity.version : null;
    },
    hasCrew(id) {
      return cache.readFragment({ id: cache.identify({ __typename: 'Crew', id }), fragment: LiveApply_crew }) !== null;
    },
  };
}

/** Applies the writes in one cache transaction, so watching queries re-render once per batch. */
export function applyWrites(cache: ApolloCache, writes: readonly CacheWrite[]): void {
  if (writes.length === 0) return;
  cache.batch({
    update: (c) => {
      for (const write of writes) {
        const id = c.identify({ __typename: write.typename, id: write.id });
        const location = { __typename: 'LngLat', lng: write.location.lng, lat: write.location.lat };
        if (write.typename === 'Enhancement') {
          c.modify({
            id,
            fields: { version: () => write.version, stage: () => write.stage, location: () => location },
          });
          continue;
        }
        // A modifier only runs for fields the cache holds: fields no query asked for stay absent.
        const fields: Modifiers = {
          version: () => write.version,
          status: () => write.status,
          urgency: () => write.urgency,
          category: () => write.category,
          dueAt: () => write.dueAt,
          location: () => location,
        };
        const { crewId } = write;
        if (crewId !== undefined) {
          fields['crew'] = (_, { toReference }) =>
            crewId === null ? null : toReference({ __typename: 'Crew', id: crewId });
        }
        c.modify({ id, fields });
      }
    },
  });
}
