// @vitest-environment node
import { ISSUE_STATUSES } from '@groundwork/shared';
import { describe, expect, it } from 'vitest';
import { crewLeadActions } from './crew-issue.actions';

describe('crewLeadActions', () => {
  it('starts assigned work and resolves work in progress', () => {
    expect(crewLeadActions('ASSIGNED')).toEqual([{ to: 'IN_PROGRESS', label: 'Start' }]);
    expect(crewLeadActions('IN_PROGRESS')).toEqual([{ to: 'RESOLVED', label: 'Mark resolved' }]);
  });

  it('offers nothing for routing, verifying or reopening, which belong to managers', () => {
    expect(crewLeadActions('OPEN')).toEqual([]);
    expect(crewLeadActions('RESOLVED')).toEqual([]);
    expect(crewLeadActions('VERIFIED')).toEqual([]);
  });

  it('only ever offers statuses a crew lead may set', () => {
    for (const status of ISSUE_STATUSES) {
      for (const { to } of crewLeadActions(status)) expect(['IN_PROGRESS', 'RESOLVED']).toContain(to);
    }
  });
});
