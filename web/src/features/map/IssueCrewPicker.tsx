import { useApolloClient, useQuery } from '@apollo/client/react';
import { isOpenIssueStatus } from '@groundwork/shared';
import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useCompanyTimeZone } from '../../ui/company-calendar';
import { formatDateTime, formatLocalDate } from '../../ui/date.format';
import type { MapCrew } from './CrewPanel';
import { crewChoices, type CrewChoice } from './map.crew-choices';
import { IssueDetailsQuery } from '../issues/issue.graphql';
import { IssueCrewChoicesQuery } from './map.documents';

type IssueCrewPickerProps = {
  issueId: string;
  crews: readonly MapCrew[];
  /** The map's assignment (the same as a drop on a crew): true once the server has it. */
  onAssign: (issueId: string, crewId: string) => Promise<boolean>;
};

const optionLabel = (choice: CrewChoice) =>
  `${choice.name}${choice.current ? ' (current)' : ''} — ${
    choice.nextVisit ? `next visit ${formatLocalDate(choice.nextVisit)}` : 'no visit scheduled here'
  }`;

/**
 * Assigning from the Issue's drawer, for a keyboard, a screen reader or a
 * phone (where nothing can be dragged): each crew with its next visit to the
 * property and the due date the Issue would get, with a warning before
 * assigning to a crew that never visits it.
 */
export function IssueCrewPicker({ issueId, crews, onAssign }: IssueCrewPickerProps) {
  const timeZone = useCompanyTimeZone();
  const client = useApolloClient();
  const { data } = useQuery(IssueCrewChoicesQuery, {
    variables: { id: issueId },
    fetchPolicy: 'cache-and-network',
  });
  const [crewId, setCrewId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const issue = data?.issue;
  const choices = useMemo(() => (issue ? crewChoices(issue, crews, timeZone) : []), [issue, crews, timeZone]);
  // Resolved or verified work cannot be reassigned (it is reopened instead), and with no crews there is nothing to pick.
  if (!issue || !isOpenIssueStatus(issue.status) || choices.length === 0) return null;
  const choice = choices.find((c) => c.crewId === crewId) ?? null;
  const unchanged = choice?.current === true && issue.status !== 'OPEN';
  const due = choice?.dueAt ? formatDateTime(choice.dueAt, timeZone) : null;
  const consequence = !choice
    ? `A crew’s next visit to ${issue.property.name} sets the due date.`
    : choice.noVisit
      ? `${choice.name} has no visit scheduled at ${issue.property.name}: ${
          due ? `the Issue keeps its due date (${due}).` : 'the Issue will have no due date.'
        }`
      : `Next visit ${formatLocalDate(choice.nextVisit)} · due ${due ?? 'with no date'}${
          issue.urgency === 'URGENT' ? ' (urgent: 24 hours from the report)' : ''
        }`;

  const assign = async () => {
    if (!choice) return;
    setBusy(true);
    setDone(null);
    const ok = await onAssign(issueId, choice.crewId);
    setBusy(false);
    if (ok) {
      setDone(`Assigned to ${choice.name}.`);
      setCrewId(null);
    }
    // Either way the drawer shows the Issue as it is now: its history and next steps after an assignment,
    // or, refused (a conflict, say; the map says why), someone else's change.
    await client.refetchQueries({ include: [IssueCrewChoicesQuery, IssueDetailsQuery] }).catch(() => undefined);
  };

  return (
    <Stack gap={6} data-testid="crew-picker">
      {/* What the choice does is the field's description: read with it, announced when it changes, and warned in orange. */}
      <Select
        label={issue.crew ? 'Reassign to a crew' : 'Assign to a crew'}
        placeholder="Choose a crew"
        data={choices.map((c) => ({ value: c.crewId, label: optionLabel(c) }))}
        value={crewId}
        onChange={(value) => {
          setCrewId(value);
          setDone(null);
        }}
        searchable
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
        inputWrapperOrder={['label', 'input', 'description']}
        description={consequence}
        descriptionProps={{
          'aria-live': 'polite',
          'data-testid': !choice ? 'crew-picker-hint' : choice.noVisit ? 'crew-picker-warning' : 'crew-picker-due',
          fz: 'sm',
          ...(choice?.noVisit ? { c: 'orange.9', fw: 600 } : {}),
        }}
      />
      <Group gap="xs">
        <Button size="sm" onClick={() => void assign()} disabled={!choice || unchanged} loading={busy}>
          {choice ? `Assign to ${choice.name}` : 'Assign'}
        </Button>
        {unchanged && (
          <Text size="xs" c="dimmed">
            Already with this crew.
          </Text>
        )}
      </Group>
      <Text size="sm" c="green.8" role="status" data-testid="crew-picker-done">
        {done}
      </Text>
    </Stack>
  );
}
