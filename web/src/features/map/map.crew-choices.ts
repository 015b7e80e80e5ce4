import { issueDueAt, type IssueUrgency } from '@groundwork/shared';

/** What the crew picker knows of the Issue: its urgency and due date, and its property's visit schedules. */
export type CrewChoiceIssue = {
  urgency: IssueUrgency;
  createdAt: string;
  dueAt: string | null;
  crew: { id: string } | null;
  property: { schedules: readonly { nextVisitDate: string; crew: { id: string } }[] };
};

export type CrewChoice = {
  crewId: string;
  name: string;
  /** The crew's next visit to the Issue's property ('YYYY-MM-DD'), null when it has none scheduled there. */
  nextVisit: string | null;
  /** The due date the Issue would have once assigned to this crew (null: none). */
  dueAt: string | null;
  /** True when the due date would not follow a visit of this crew (none scheduled at the property). */
  noVisit: boolean;
  current: boolean;
};

/**
 * Every crew as a choice for this Issue, with the due date an assignment would
 * give it — the server's rule (`assignIssue`): an URGENT Issue keeps its
 * 24-hour due date; a ROUTINE one is due at the end of the new crew's next
 * visit day, and keeps the due date it had when that crew has no visit to the
 * property. Crews visiting soonest come first, then those that never visit.
 */
export function crewChoices(
  issue: CrewChoiceIssue,
  crews: readonly { id: string; name: string }[],
  timeZone: string,
): CrewChoice[] {
  const choices = crews.map((crew): CrewChoice => {
    const visits = issue.property.schedules
      .filter((s) => s.crew.id === crew.id)
      .map((s) => s.nextVisitDate)
      .sort();
    const nextVisit = visits[0] ?? null;
    const dueAt =
      issue.urgency === 'ROUTINE' && nextVisit
        ? issueDueAt({
            urgency: issue.urgency,
            createdAt: new Date(issue.createdAt),
            nextVisitDate: nextVisit,
            timeZone,
          })
        : null;
    return {
      crewId: crew.id,
      name: crew.name,
      nextVisit,
      dueAt: dueAt ? dueAt.toISOString() : issue.dueAt,
      noVisit: nextVisit === null,
      current: issue.crew?.id === crew.id,
    };
  });
  return choices.sort(
    (a, b) =>
      Number(a.noVisit) - Number(b.noVisit) ||
      (a.nextVisit ?? '').localeCompare(b.nextVisit ?? '') ||
      a.name.localeCompare(b.name),
  );
}
