import type { IssueDetails_IssueFragment } from '../../gql/graphql';
import { IssueDetailsQuery, IssueStatusMutation } from './issue.graphql';

// Response shapes for component tests: a routine leak, resolved by Maintenance North with one photo
// before and one after; each test overrides what it is about.

type Photo = IssueDetails_IssueFragment['photos'][number];
type Step = IssueDetails_IssueFragment['history'][number];

export const fakeCrew = { __typename: 'Crew' as const, id: 'crew-1', name: 'Maintenance North', color: '#1c7ed6' };

export function fakePhoto(id: string, kind: 'BEFORE' | 'AFTER', overrides: Partial<Photo> = {}): Photo {
  return {
    __typename: 'Photo',
    id,
    kind,
    thumbUrl: `/photos/${id}/thumb`,
    displayUrl: `/photos/${id}/display`,
    takenAt: '2026-11-10T16:00:00.000Z',
    farFromProperty: false,
    ...overrides,
  };
}

export function fakeStep(id: string, overrides: Partial<Step> = {}): Step {
  return {
    __typename: 'IssueActivity',
    id,
    kind: 'STATUS_CHANGED',
    at: '2026-11-10T17:00:00.000Z',
    fromStatus: null,
    toStatus: null,
    note: null,
    photoCount: null,
    actor: { __typename: 'User', id: 'u-crew', name: 'Casey Crew' },
    crew: null,
    ...overrides,
  };
}

export function fakeIssue(overrides: Partial<IssueDetails_IssueFragment> = {}): IssueDetails_IssueFragment {
  return {
    __typename: 'Issue',
    id: 'i1',
    title: 'Broken head by the gate',
    description: 'Sprays onto the walkway',
    status: 'RESOLVED',
    urgency: 'ROUTINE',
    category: 'IRRIGATION_LEAK',
    source: 'SITE_WALK',
    overdue: false,
    dueAt: '2026-11-12T23:00:00.000Z',
    createdAt: '2026-11-09T15:00:00.000Z',
    resolvedAt: '2026-11-10T17:00:00.000Z',
    verifiedAt: null,
    reopenCount: 0,
    version: 4,
    allowedStatuses: ['VERIFIED', 'ASSIGNED'],
    crew: fakeCrew,
    location: { __typename: 'LngLat', lng: -104.98512, lat: 39.73721 },
    property: {
      __typename: 'Property',
      id: 'p1',
      name: 'North campus',
      address: '100 Oak Park Dr, Denver, CO',
      boundary: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [-104.986, 39.737],
              [-104.984, 39.737],
              [-104.984, 39.738],
              [-104.986, 39.738],
              [-104.986, 39.737],
            ],
          ],
        ],
      },
      centroid: { __typename: 'LngLat', lng: -104.9851, lat: 39.7372 },
    },
    account: { __typename: 'Account', id: 'a1', name: 'Willow Creek HOA' },
    photos: [fakePhoto('ph-before', 'BEFORE'), fakePhoto('ph-after', 'AFTER')],
    history: [
      fakeStep('h1', { kind: 'CREATED', at: '2026-11-09T15:00:00.000Z', toStatus: 'OPEN' }),
      fakeStep('h2', {
        at: '2026-11-10T17:00:00.000Z',
        fromStatus: 'IN_PROGRESS',
        toStatus: 'RESOLVED',
        note: 'Replaced the head',
      }),
    ],
    ...overrides,
  };
}

/** The drawer's read of `issue`. */
export const issueRead = (issue: IssueDetails_IssueFragment) => ({
  request: { query: IssueDetailsQuery, variables: { id: issue.id } },
  result: { data: { issue } },
});

/** A status change of `issue` (its version) answered with `after`, or refused with `error`. */
export function statusChange(
  issue: IssueDetails_IssueFragment,
  input: { status: IssueDetails_IssueFragment['status']; note?: string; photoIds?: string[] },
  answer: { after: IssueDetails_IssueFragment } | { error: { message: string; code: string } },
) {
  return {
    request: {
      query: IssueStatusMutation,
      variables: { input: { issueId: issue.id, expectedVersion: issue.version, ...input } },
    },
    result:
      'after' in answer
        ? { data: { updateIssueStatus: answer.after } }
        : {
            data: null,
            errors: [
              { message: answer.error.message, path: ['updateIssueStatus'], extensions: { code: answer.error.code } },
            ],
          },
  };
}
