import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CATEGORY_SERVICE_LINE,
  ENHANCEMENT_STAGES,
  ENHANCEMENT_STAGE_LABELS,
  HEALTH_BANDS,
  HEALTH_BAND_LABELS,
  ISSUE_CATEGORIES,
  ISSUE_CATEGORY_LABELS,
  QUALITY_AREAS,
  QUALITY_AREA_LABELS,
  ISSUE_STATUSES,
  ISSUE_STATUS_LABELS,
  ISSUE_URGENCIES,
  ISSUE_URGENCY_LABELS,
  OPEN_ENHANCEMENT_STAGES,
  OPEN_ISSUE_STATUSES,
  ROLES,
  ROLE_LABELS,
  SERVICE_LINE_CODES,
  SERVICE_LINE_LABELS,
  SITE_WALK_TIER_INTERVAL_DAYS,
  isOneOf,
  isOpenEnhancementStage,
  isOpenIssueStatus,
} from './enums.js';

describe('value lists', () => {
  it('have the contract values in order', () => {
    expect(ROLES).toEqual(['EXECUTIVE', 'OPS_MANAGER', 'ACCOUNT_MANAGER', 'CREW_LEAD']);
    expect(ISSUE_STATUSES).toEqual(['OPEN', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'VERIFIED']);
    expect(ISSUE_URGENCIES).toEqual(['ROUTINE', 'URGENT']);
    expect(ISSUE_CATEGORIES).toHaveLength(14);
    expect(ENHANCEMENT_STAGES).toEqual([
      'IDENTIFIED',
      'QUALIFIED',
      'ESTIMATING',
      'PROPOSED',
      'APPROVED',
      'SCHEDULED',
      'COMPLETED',
      'DECLINED',
    ]);
    expect(HEALTH_BANDS).toEqual(['HEALTHY', 'WATCH', 'AT_RISK']);
  });

  it('open Issue statuses are those still needing work', () => {
    expect(OPEN_ISSUE_STATUSES).toEqual(['OPEN', 'ASSIGNED', 'IN_PROGRESS']);
    expect(isOpenIssueStatus('IN_PROGRESS')).toBe(true);
    expect(isOpenIssueStatus('RESOLVED')).toBe(false);
    expect(isOpenIssueStatus('VERIFIED')).toBe(false);
  });

  it('open Enhancement stages exclude COMPLETED and DECLINED', () => {
    expect(OPEN_ENHANCEMENT_STAGES).toEqual([
      'IDENTIFIED',
      'QUALIFIED',
      'ESTIMATING',
      'PROPOSED',
      'APPROVED',
      'SCHEDULED',
    ]);
    expect(isOpenEnhancementStage('SCHEDULED')).toBe(true);
    expect(isOpenEnhancementStage('COMPLETED')).toBe(false);
    expect(isOpenEnhancementStage('DECLINED')).toBe(false);
  });

  it('site-walk tiers are weekly, fortnightly, monthly', () => {
    expect(SITE_WALK_TIER_INTERVAL_DAYS).toEqual({ A: 7, B: 14, C: 30 });
  });
});

describe('DEFAULT_CATEGORY_SERVICE_LINE', () => {
  it('maps every category to a known service line', () => {
    for (const category of ISSUE_CATEGORIES) {
      expect(SERVICE_LINE_CODES).toContain(DEFAULT_CATEGORY_SERVICE_LINE[category]);
    }
    expect(Object.keys(DEFAULT_CATEGORY_SERVICE_LINE).sort()).toEqual([...ISSUE_CATEGORIES].sort());
  });

  it('routes like a landscaping company does', () => {
    expect(DEFAULT_CATEGORY_SERVICE_LINE).toEqual({
      IRRIGATION_LEAK: 'IRRIGATION',
      IRRIGATION_COVERAGE: 'IRRIGATION',
      DRAINAGE: 'IRRIGATION',
      TREE_HAZARD: 'TREE_CARE',
      TREE_PRUNING: 'TREE_CARE',
      PLANT_HEALTH: 'PLANT_HEALTH',
      PEST: 'PLANT_HEALTH',
      SNOW_ICE: 'SNOW',
      HARDSCAPE: 'ENHANCEMENTS',
      TURF_DAMAGE: 'MAINTENANCE',
      WEEDS: 'MAINTENANCE',
      LITTER: 'MAINTENANCE',
      SAFETY: 'MAINTENANCE',
      OTHER: 'MAINTENANCE',
    });
  });
});

describe('labels', () => {
  const cases: Array<[string, readonly string[], Record<string, string>]> = [
    ['ISSUE_CATEGORY_LABELS', ISSUE_CATEGORIES, ISSUE_CATEGORY_LABELS],
    ['ISSUE_STATUS_LABELS', ISSUE_STATUSES, ISSUE_STATUS_LABELS],
    ['ISSUE_URGENCY_LABELS', ISSUE_URGENCIES, ISSUE_URGENCY_LABELS],
    ['ENHANCEMENT_STAGE_LABELS', ENHANCEMENT_STAGES, ENHANCEMENT_STAGE_LABELS],
    ['ROLE_LABELS', ROLES, ROLE_LABELS],
    ['HEALTH_BAND_LABELS', HEALTH_BANDS, HEALTH_BAND_LABELS],
    ['SERVICE_LINE_LABELS', SERVICE_LINE_CODES, SERVICE_LINE_LABELS],
    ['QUALITY_AREA_LABELS', QUALITY_AREAS, QUALITY_AREA_LABELS],
  ];
  it.each(cases)('%s has a non-empty label for every value and nothing else', (_name, values, labels) => {
    expect(Object.keys(labels).sort()).toEqual([...values].sort());
    for (const value of values) expect(labels[value]?.trim()).not.toBe('');
  });

  it('reads like English', () => {
    expect(ISSUE_CATEGORY_LABELS.IRRIGATION_LEAK).toBe('Irrigation leak');
    expect(ISSUE_STATUS_LABELS.IN_PROGRESS).toBe('In progress');
    expect(ENHANCEMENT_STAGE_LABELS.ESTIMATING).toBe('Estimating');
  });
});

describe('isOneOf', () => {
  it('accepts members only', () => {
    expect(isOneOf(ROLES, 'CREW_LEAD')).toBe(true);
    expect(isOneOf(ROLES, 'crew_lead')).toBe(false);
    expect(isOneOf(ROLES, 3)).toBe(false);
    expect(isOneOf(ROLES, undefined)).toBe(false);
  });
});
