import { describe, expect, it } from 'vitest';
import {
  FIELD_READERS,
  RECORD_KINDS,
  accessScope,
  canReadField,
  eventVisible,
  managesAccount,
  scopeKey,
  scopeReads,
  scopeReadsKind,
  type AccessScope,
} from './access.rules.js';
import { ROLES } from './enums.js';

const all: AccessScope = { kind: 'all' };
const am: AccessScope = { kind: 'accountManager', userId: 'am1' };
const crew: AccessScope = { kind: 'crew', crewId: 'crewA' };
const none: AccessScope = { kind: 'none' };

describe('accessScope', () => {
  it('gives each role its scope', () => {
    expect(accessScope({ id: 'u', role: 'EXECUTIVE', crewId: null })).toEqual(all);
    expect(accessScope({ id: 'u', role: 'OPS_MANAGER', crewId: null })).toEqual(all);
    expect(accessScope({ id: 'am1', role: 'ACCOUNT_MANAGER', crewId: null })).toEqual(am);
    expect(accessScope({ id: 'u', role: 'CREW_LEAD', crewId: 'crewA' })).toEqual(crew);
    expect(accessScope({ id: 'u', role: 'CREW_LEAD', crewId: null })).toEqual(none);
  });

  it('ignores a crew on a role that is not crew lead', () => {
    expect(accessScope({ id: 'am1', role: 'ACCOUNT_MANAGER', crewId: 'crewA' })).toEqual(am);
  });
});

describe('scopeReadsKind', () => {
  it('lets everyone but crews read every kind; crews their Issues, served properties and schedules', () => {
    for (const kind of RECORD_KINDS) {
      expect(scopeReadsKind(all, kind)).toBe(true);
      expect(scopeReadsKind(am, kind)).toBe(true);
      expect(scopeReadsKind(none, kind)).toBe(false);
    }
    expect(RECORD_KINDS.filter((k) => scopeReadsKind(crew, k))).toEqual(['Property', 'Issue', 'ServiceSchedule']);
  });
});

describe('scopeReads', () => {
  it('reads everything for executives and ops managers', () => {
    for (const kind of RECORD_KINDS) expect(scopeReads(all, kind, { accountManagerId: 'other' })).toBe(true);
  });

  it('reads an account manager’s own accounts’ records only', () => {
    for (const kind of RECORD_KINDS) {
      expect(scopeReads(am, kind, { accountManagerId: 'am1' })).toBe(true);
      expect(scopeReads(am, kind, { accountManagerId: 'am2', crewId: 'crewA' })).toBe(false);
    }
  });

  it('reads a crew’s Issues and schedules, and the properties it serves, whoever manages them', () => {
    expect(scopeReads(crew, 'Issue', { accountManagerId: 'am2', crewId: 'crewA' })).toBe(true);
    expect(scopeReads(crew, 'Issue', { accountManagerId: 'am1', crewId: 'crewB' })).toBe(false);
    expect(scopeReads(crew, 'Issue', { accountManagerId: 'am1', crewId: null })).toBe(false);
    expect(scopeReads(crew, 'ServiceSchedule', { accountManagerId: 'am1', crewId: 'crewA' })).toBe(true);
    expect(scopeReads(crew, 'Property', { accountManagerId: 'am1', servedByCrewIds: ['crewB', 'crewA'] })).toBe(true);
    expect(scopeReads(crew, 'Property', { accountManagerId: 'am1', servedByCrewIds: ['crewB'] })).toBe(false);
    for (const kind of ['Account', 'Enhancement', 'SiteWalk'] as const) {
      expect(scopeReads(crew, kind, { accountManagerId: 'am1', crewId: 'crewA', servedByCrewIds: ['crewA'] })).toBe(
        false,
      );
    }
  });

  it('reads nothing for a crew lead without a crew', () => {
    for (const kind of RECORD_KINDS)
      expect(scopeReads(none, kind, { accountManagerId: 'am1', crewId: null })).toBe(false);
  });
});

describe('eventVisible', () => {
  const issue = (o: Partial<{ accountManagerId: string | null; crewId: unknown; previousCrewId: unknown }>) => ({
    entityType: 'Issue',
    accountManagerId: 'am1',
    crewId: null,
    ...o,
  });

  it('sends every event to executives and ops managers', () => {
    expect(eventVisible(all, issue({ accountManagerId: null }))).toBe(true);
  });

  it('sends an account manager the events of their accounts as of now', () => {
    expect(eventVisible(am, issue({}))).toBe(true);
    expect(eventVisible(am, { entityType: 'Enhancement', accountManagerId: 'am1' })).toBe(true);
    expect(eventVisible(am, issue({ accountManagerId: 'am2', crewId: 'crewA' }))).toBe(false);
    expect(eventVisible(am, issue({ accountManagerId: null }))).toBe(false);
  });

  it('sends a crew lead the Issue events of the crew, including the one taking an Issue away', () => {
    expect(eventVisible(crew, issue({ accountManagerId: 'am2', crewId: 'crewA' }))).toBe(true);
    expect(eventVisible(crew, issue({ crewId: 'crewB', previousCrewId: 'crewA' }))).toBe(true);
    expect(eventVisible(crew, issue({ crewId: 'crewB' }))).toBe(false);
    expect(eventVisible(crew, { entityType: 'Enhancement', accountManagerId: 'am1', crewId: 'crewA' })).toBe(false);
    expect(eventVisible(none, issue({ crewId: null }))).toBe(false);
  });
});

describe('scopeKey', () => {
  it('is equal exactly when the permissions are', () => {
    expect(scopeKey(all)).toBe('all');
    expect(scopeKey(am)).toBe('am:am1');
    expect(scopeKey(crew)).toBe('crew:crewA');
    expect(scopeKey(none)).toBe('none');
    expect(scopeKey({ kind: 'accountManager', userId: 'crewA' })).not.toBe(scopeKey({ kind: 'crew', crewId: 'crewA' }));
  });
});

describe('field rules', () => {
  it('keep an account’s commercial details and walks from crew leads, and nothing from the others', () => {
    for (const coordinate of Object.keys(FIELD_READERS)) {
      expect(canReadField('CREW_LEAD', coordinate), coordinate).toBe(false);
      for (const role of ROLES.filter((r) => r !== 'CREW_LEAD')) expect(canReadField(role, coordinate)).toBe(true);
    }
    expect(canReadField('CREW_LEAD', 'Account.name')).toBe(true);
    expect(canReadField('CREW_LEAD', 'Account.annualValue')).toBe(false);
    expect(canReadField('CREW_LEAD', 'Account.contacts')).toBe(false);
    expect(canReadField('CREW_LEAD', 'Account.plan')).toBe(false);
    expect(canReadField('CREW_LEAD', 'Account.siteWalks')).toBe(false);
  });
});

describe('managesAccount', () => {
  it('lets ops managers change any account, account managers their own, nobody else any', () => {
    expect(managesAccount({ id: 'ops', role: 'OPS_MANAGER' }, 'am1')).toBe(true);
    expect(managesAccount({ id: 'am1', role: 'ACCOUNT_MANAGER' }, 'am1')).toBe(true);
    expect(managesAccount({ id: 'am2', role: 'ACCOUNT_MANAGER' }, 'am1')).toBe(false);
    expect(managesAccount({ id: 'exec', role: 'EXECUTIVE' }, 'am1')).toBe(false);
    expect(managesAccount({ id: 'lead', role: 'CREW_LEAD' }, 'am1')).toBe(false);
  });
});
