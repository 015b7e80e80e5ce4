import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Group, Modal, MultiSelect, Stack, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { PLAN_OPPORTUNITIES_MAX, planGoalsSchema, planOpportunitiesSchema } from '@groundwork/shared';
import type { AccountPlanCard_PlanFragment } from '../../gql/graphql';
import { describeError, type ErrorDescription } from '../../ui/error.describe';
import { useToast } from '../../ui/toast';
import { PlanEnhancementChoicesQuery, SaveAccountPlanMutation } from './account-plan.graphql';

type Contact = { id: string; name: string; title?: string | null };

type AccountPlanEditorProps = {
  opened: boolean;
  onClose: () => void;
  accountId: string;
  year: number;
  /** The plan as read; null to write the year's first one. */
  plan: AccountPlanCard_PlanFragment | null;
  contacts: readonly Contact[];
  /** After a save or a refusal: reload the page's read (a conflict shows what someone else wrote). */
  onChanged: () => Promise<unknown>;
};

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** The first problem the shared rule finds, in its words (the server checks the same rule). */
function problem(schema: typeof planGoalsSchema | typeof planOpportunitiesSchema, value: string[]): string | null {
  const result = schema.safeParse(value);
  return result.success ? null : (result.error.issues[0]?.message ?? 'is invalid');
}

/** Writes or edits the year's account plan: the customer's goals, the top opportunities, the people met, notes. */
export function AccountPlanEditor(props: AccountPlanEditorProps) {
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.plan ? `Edit the ${props.year} account plan` : `Write the ${props.year} account plan`}
      size="lg"
      fullScreen={phone}
    >
      {props.opened && <AccountPlanForm {...props} />}
    </Modal>
  );
}

function AccountPlanForm({ onClose, accountId, year, plan, contacts, onChanged }: AccountPlanEditorProps) {
  const toast = useToast();
  const [save, { loading }] = useMutation(SaveAccountPlanMutation);
  const choices = useQuery(PlanEnhancementChoicesQuery, { variables: { accountId } });
  const [goals, setGoals] = useState((plan?.goals ?? []).join('\n'));
  const [opportunities, setOpportunities] = useState((plan?.opportunities ?? []).join('\n'));
  const [enhancementIds, setEnhancementIds] = useState<string[]>(plan?.opportunityEnhancements.map((e) => e.id) ?? []);
  const [contactIds, setContactIds] = useState<string[]>(plan?.peopleMet.map((c) => c.id) ?? []);
  const [notes, setNotes] = useState(plan?.notes ?? '');
  const [tried, setTried] = useState(false);
  const [refusal, setRefusal] = useState<ErrorDescription | null>(null);

  const goalProblem = tried ? problem(planGoalsSchema, lines(goals)) : null;
  const opportunityProblem = tried ? problem(planOpportunitiesSchema, lines(opportunities)) : null;
  // Linked Enhancements already on the plan stay choosable even once they leave the open list.
  const enhancementOptions = [
    ...(plan?.opportunityEnhancements ?? []),
    ...(choices.data?.account?.enhancements.edges.map((e) => e.node) ?? []),
  ].filter((e, i, all) => all.findIndex((o) => o.id === e.id) === i);

  const submit = async () => {
    setTried(true);
    setRefusal(null);
    if (problem(planGoalsSchema, lines(goals)) || problem(planOpportunitiesSchema, lines(opportunities))) return;
    try {
      await save({
        variables: {
          input: {
            accountId,
            year,
            goals: lines(goals),
            opportunities: lines(opportunities),
            opportunityEnhancementIds: enhancementIds,
            peopleMetContactIds: contactIds,
            notes,
            expectedVersion: plan?.version ?? null,
          },
        },
      });
      await onChanged();
      toast.show({ tone: 'green', title: `Account plan ${year} saved` });
      onClose();
    } catch (error) {
      // The server's words; on a conflict the page reloads so the next save starts from what is there now.
      const described = describeError(error);
      setRefusal(described);
      if (described.code === 'VERSION_CONFLICT') await onChanged().catch(() => undefined);
    }
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Stack gap="sm">
        {refusal && (
          <Alert color="red" title={refusal.title} role="alert">
            {refusal.message}
          </Alert>
        )}
        <Textarea
          label="The customer's goals"
          description="One per line, in the customer's words"
          withAsterisk
          autosize
          minRows={3}
          value={goals}
          onChange={(event) => setGoals(event.currentTarget.value)}
          error={goalProblem}
        />
        <Textarea
          label="Top opportunities"
          description={`One per line: the ${PLAN_OPPORTUNITIES_MAX} that serve those goals best`}
          autosize
          minRows={2}
          value={opportunities}
          onChange={(event) => setOpportunities(event.currentTarget.value)}
          error={opportunityProblem}
        />
        <MultiSelect
          label="Enhancements that carry them"
          placeholder={enhancementOptions.length ? 'Pick up to 3' : 'No open Enhancements on this account'}
          data={enhancementOptions.map((e) => ({ value: e.id, label: e.title }))}
          value={enhancementIds}
          onChange={setEnhancementIds}
          maxValues={PLAN_OPPORTUNITIES_MAX}
          searchable
          comboboxProps={{ withinPortal: true }}
        />
        <MultiSelect
          label="People met"
          placeholder={contacts.length ? 'Pick from the contacts' : 'No contacts recorded'}
          data={contacts.map((c) => ({ value: c.id, label: c.title ? `${c.name} — ${c.title}` : c.name }))}
          value={contactIds}
          onChange={setContactIds}
          searchable
          comboboxProps={{ withinPortal: true }}
        />
        <Textarea
          label="Notes"
          autosize
          minRows={2}
          value={notes}
          onChange={(event) => setNotes(event.currentTarget.value)}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={loading}>
            Save plan
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
