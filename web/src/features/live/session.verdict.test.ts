import { describe, expect, it } from 'vitest';
import { sessionVerdict } from './session.verdict';

const lead = { id: 'u1', role: 'CREW_LEAD' as const, crew: { id: 'c1' } };

describe('sessionVerdict', () => {
  it('keeps the session when the server still sees the same user with the same access', () => {
    expect(sessionVerdict(lead, { ...lead, crew: { id: 'c1' } })).toEqual({ verdict: 'valid' });
  });

  it('ends it when the server sees no one, or someone else', () => {
    const ended = { verdict: 'ended', message: 'Your session has ended; sign in again.' };
    expect(sessionVerdict(lead, null)).toEqual(ended);
    expect(sessionVerdict(lead, { ...lead, id: 'u2' })).toEqual(ended);
  });

  it('ends it when the role or the crew changed, saying so', () => {
    const changed = { verdict: 'ended', message: 'Your access has changed; sign in again.' };
    expect(sessionVerdict(lead, { ...lead, role: 'OPS_MANAGER' })).toEqual(changed);
    expect(sessionVerdict(lead, { ...lead, crew: { id: 'c2' } })).toEqual(changed);
    expect(sessionVerdict(lead, { ...lead, crew: null })).toEqual(changed);
  });
});
