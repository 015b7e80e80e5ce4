import { describe, expect, it } from 'vitest';
import { issueActions, latestNoteTo } from './issue.actions';

describe('issueActions', () => {
  it('asks for photos to resolve, a reason to reopen, and one tap to verify or start', () => {
    expect(issueActions('IN_PROGRESS', ['RESOLVED'])).toEqual([
      { to: 'RESOLVED', kind: 'RESOLVE', label: 'Mark resolved' },
    ]);
    expect(issueActions('RESOLVED', ['VERIFIED', 'ASSIGNED'])).toEqual([
      { to: 'VERIFIED', kind: 'VERIFY', label: 'Verify' },
      { to: 'ASSIGNED', kind: 'REOPEN', label: 'Reopen' },
    ]);
    expect(issueActions('ASSIGNED', ['IN_PROGRESS'])).toEqual([
      { to: 'IN_PROGRESS', kind: 'DIRECT', label: 'Start work' },
    ]);
    expect(issueActions('OPEN', ['ASSIGNED'])).toEqual([{ to: 'ASSIGNED', kind: 'DIRECT', label: 'Mark assigned' }]);
  });

  it('offers nothing the server did not allow', () => {
    expect(issueActions('RESOLVED', [])).toEqual([]);
    expect(issueActions('VERIFIED', [])).toEqual([]);
  });
});

describe('latestNoteTo', () => {
  const step = (toStatus: 'RESOLVED' | 'ASSIGNED' | null, note: string | null, kind = 'STATUS_CHANGED') => ({
    kind,
    toStatus,
    note,
  });

  it('is the note of the latest move to the status', () => {
    expect(
      latestNoteTo(
        [step('RESOLVED', 'Replaced the head'), step('ASSIGNED', 'Still leaking'), step('RESOLVED', 'New valve too')],
        'RESOLVED',
      ),
    ).toBe('New valve too');
  });

  it('is null without such a move, or when it had no note', () => {
    expect(latestNoteTo([step(null, 'Moved the pin', 'MOVED')], 'RESOLVED')).toBeNull();
    expect(latestNoteTo([step('RESOLVED', null)], 'RESOLVED')).toBeNull();
  });
});
