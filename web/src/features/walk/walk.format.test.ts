import { describe, expect, it } from 'vitest';
import { distanceLabel, dueLabel, nextVisitsLabel, savedIssueLabel } from './walk.format';

describe('walk labels', () => {
  it('says when the next walk is due from the server’s day count', () => {
    expect(dueLabel(0)).toBe('due today');
    expect(dueLabel(-1)).toBe('1 day overdue');
    expect(dueLabel(-3)).toBe('3 days overdue');
    expect(dueLabel(1)).toBe('due tomorrow');
    expect(dueLabel(5)).toBe('in 5 days');
  });

  it('gives the distance in metres, then kilometres', () => {
    expect(distanceLabel(null)).toBeNull();
    expect(distanceLabel(0)).toBe('you are here');
    expect(distanceLabel(123.6)).toBe('124 m');
    expect(distanceLabel(3420)).toBe('3.4 km');
  });

  it('says to whom a saved Issue went and the due weekday in the company zone', () => {
    expect(savedIssueLabel('Irrigation South', '2026-12-10T18:00:00Z', 'America/Denver')).toBe(
      'Saved — Irrigation South, due Thu',
    );
    // Just after midnight UTC on Friday is still Thursday evening in Denver.
    expect(savedIssueLabel('Irrigation South', '2026-12-11T02:00:00Z', 'America/Denver')).toBe(
      'Saved — Irrigation South, due Thu',
    );
    expect(savedIssueLabel(null, null, 'America/Denver')).toBe('Saved — not routed to a crew yet');
  });

  it('names each crew once at its next visit, soonest first', () => {
    expect(
      nextVisitsLabel([
        { nextVisitDate: '2026-12-15', crew: { name: 'Maintenance North' } },
        { nextVisitDate: '2026-12-10', crew: { name: 'Irrigation South' } },
        { nextVisitDate: '2026-12-08', crew: { name: 'Maintenance North' } },
      ]),
    ).toBe('Next visits: Maintenance North Tue, Dec 8 · Irrigation South Thu, Dec 10');
    expect(nextVisitsLabel([])).toBeNull();
  });
});
