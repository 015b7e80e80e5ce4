import { describe, expect, it } from 'vitest';
import { crewChoices, type CrewChoiceIssue } from './map.crew-choices';

const CREWS = [
  { id: 'c-south', name: 'Maintenance South' },
  { id: 'c-north', name: 'Maintenance North' },
  { id: 'c-irr', name: 'Irrigation North' },
];
const issue = (patch: Partial<CrewChoiceIssue> = {}): CrewChoiceIssue => ({
  urgency: 'ROUTINE',
  createdAt: '2026-12-07T15:00:00.000Z',
  dueAt: null,
  crew: null,
  property: {
    schedules: [
      { nextVisitDate: '2026-12-10', crew: { id: 'c-north' } },
      { nextVisitDate: '2026-12-08', crew: { id: 'c-irr' } },
      { nextVisitDate: '2026-12-14', crew: { id: 'c-north' } },
    ],
  },
  ...patch,
});

describe('crew choices for an Issue', () => {
  it('gives a routine Issue the end of the crew’s next visit day, soonest first, and warns of crews that never visit', () => {
    expect(crewChoices(issue({ crew: { id: 'c-north' } }), CREWS, 'America/Denver')).toEqual([
      {
        crewId: 'c-irr',
        name: 'Irrigation North',
        nextVisit: '2026-12-08',
        dueAt: '2026-12-09T06:59:59.999Z',
        noVisit: false,
        current: false,
      },
      {
        crewId: 'c-north',
        name: 'Maintenance North',
        nextVisit: '2026-12-10',
        dueAt: '2026-12-11T06:59:59.999Z',
        noVisit: false,
        current: true,
      },
      { crewId: 'c-south', name: 'Maintenance South', nextVisit: null, dueAt: null, noVisit: true, current: false },
    ]);
  });

  it('keeps the due date an Issue has when the crew does not set one: urgent, or no visit', () => {
    const dueAt = '2026-12-08T15:00:00.000Z';
    const urgent = crewChoices(issue({ urgency: 'URGENT', dueAt }), CREWS, 'America/Denver');
    expect(urgent.map((c) => [c.crewId, c.dueAt])).toEqual([
      ['c-irr', dueAt],
      ['c-north', dueAt],
      ['c-south', dueAt],
    ]);
    const routine = crewChoices(issue({ dueAt }), CREWS, 'America/Denver');
    expect(routine.find((c) => c.crewId === 'c-south')).toMatchObject({ noVisit: true, dueAt });
  });
});
