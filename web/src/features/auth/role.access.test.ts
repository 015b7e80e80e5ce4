// @vitest-environment node
import { ROLES } from '@groundwork/shared';
import { describe, expect, it } from 'vitest';
import { canOpenSection, landingPath, sectionOfPath, SECTIONS_BY_ROLE } from './role.access';

describe('role landing', () => {
  it('sends each role to where its day starts', () => {
    expect(landingPath('EXECUTIVE')).toBe('/portfolio');
    expect(landingPath('OPS_MANAGER')).toBe('/map');
    expect(landingPath('ACCOUNT_MANAGER')).toBe('/accounts');
    expect(landingPath('CREW_LEAD')).toBe('/work');
  });

  it('lands every role on a section it may open', () => {
    for (const role of ROLES) expect(canOpenSection(role, sectionOfPath(landingPath(role))!)).toBe(true);
  });
});

describe('navigation by role', () => {
  it('orders the sections for each role', () => {
    expect(SECTIONS_BY_ROLE.EXECUTIVE).toEqual(['portfolio', 'accounts', 'map', 'kpis']);
    expect(SECTIONS_BY_ROLE.OPS_MANAGER).toEqual(['map', 'accounts', 'portfolio', 'walk', 'kpis']);
    expect(SECTIONS_BY_ROLE.ACCOUNT_MANAGER).toEqual(['accounts', 'walk', 'map', 'portfolio', 'kpis']);
    expect(canOpenSection('CREW_LEAD', 'walk')).toBe(false);
    expect(canOpenSection('EXECUTIVE', 'walk')).toBe(false);
    expect(SECTIONS_BY_ROLE.CREW_LEAD).toEqual(['work', 'kpis']);
  });

  it('keeps crew leads to their work and the office roles out of it', () => {
    expect(canOpenSection('CREW_LEAD', 'accounts')).toBe(false);
    expect(canOpenSection('CREW_LEAD', 'work')).toBe(true);
    expect(canOpenSection('EXECUTIVE', 'work')).toBe(false);
  });
});

describe('sectionOfPath', () => {
  it('finds the section of a page and its sub-pages', () => {
    expect(sectionOfPath('/accounts')).toBe('accounts');
    expect(sectionOfPath('/accounts/a1')).toBe('accounts');
    expect(sectionOfPath('/work')).toBe('work');
    expect(sectionOfPath('/accountsx')).toBeNull();
    expect(sectionOfPath('/')).toBeNull();
  });
});
