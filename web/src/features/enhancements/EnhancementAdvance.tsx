import { useMutation } from '@apollo/client/react';
import { ENHANCEMENT_STAGE_LABELS, type EnhancementStage } from '@groundwork/shared';
import { Button, Checkbox, Group, NumberInput, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { AdvanceEnhancementInput, EnhancementDetails_EnhancementFragment } from '../../gql/graphql';
import { describeError } from '../../ui/error.describe';
import { formatMoney } from '../../ui/money.format';
import { useToast } from '../../ui/toast';
import { AdvanceEnhancementMutation } from './enhancement.graphql';

// What the button for each forward step says: the person's words, not the stage's name.
const STEP_LABELS: Partial<Record<EnhancementStage, string>> = {
  QUALIFIED: 'Qualify',
  ESTIMATING: 'Start estimating',
  PROPOSED: 'Mark proposed',
  APPROVED: 'Mark approved',
  SCHEDULED: 'Mark scheduled',
  COMPLETED: 'Mark completed',
};

export type AdvanceProblem = { title: string; message: string };
type Money = number | string;

const moneyOrUndefined = (value: Money) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

type EnhancementAdvanceProps = {
  enhancement: EnhancementDetails_EnhancementFragment;
  refetch: () => Promise<void>;
  /** A refusal, shown by the drawer (this form starts afresh when the stage changes; the message stays). */
  onProblem: (problem: AdvanceProblem | null) => void;
};

/**
 * The next step along the pipeline, and declining, for those the server
 * allows (`Enhancement.allowedStages`). The qualification and pricing gates
 * are the server's (shared rules): the form asks what they need and shows the
 * server's refusal word for word, never a rule of its own.
 */
export function EnhancementAdvance({ enhancement, refetch, onProblem }: EnhancementAdvanceProps) {
  const toast = useToast();
  const [advance, { loading }] = useMutation(AdvanceEnhancementMutation);
  const [interest, setInterest] = useState(enhancement.customerInterest);
  const [budget, setBudget] = useState(enhancement.budgetConfirmed);
  const [estimate, setEstimate] = useState<Money>(enhancement.estimatedValue ?? '');
  const [proposal, setProposal] = useState<Money>(enhancement.proposalValue ?? enhancement.estimatedValue ?? '');
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');

  const next = enhancement.allowedStages.find((stage) => stage !== 'DECLINED');
  const mayDecline = enhancement.allowedStages.includes('DECLINED');
  if (!next && !mayDecline) return null;

  const move = async (to: EnhancementStage, extra: Partial<AdvanceEnhancementInput>) => {
    onProblem(null);
    try {
      await advance({
        variables: {
          input: { enhancementId: enhancement.id, stage: to, expectedVersion: enhancement.version, ...extra },
        },
      });
      setDeclining(false);
      setReason('');
      toast.show({
        tone: to === 'DECLINED' ? 'orange' : 'green',
        title: `${ENHANCEMENT_STAGE_LABELS[to]} — ${enhancement.title}`,
        message: to === 'DECLINED' ? extra.declineReason?.trim() : undefined,
      });
    } catch (err) {
      // The server's words (the gate names what is missing), and the Enhancement as it is now.
      const { title, message } = describeError(err);
      onProblem({ title, message });
      await refetch().catch(() => undefined);
    }
  };

  const stepInput = (to: EnhancementStage): Partial<AdvanceEnhancementInput> => {
    switch (to) {
      case 'QUALIFIED':
        return { customerInterest: interest, budgetConfirmed: budget };
      case 'ESTIMATING':
        return { estimatedValue: moneyOrUndefined(estimate) };
      case 'PROPOSED':
        return { proposalValue: moneyOrUndefined(proposal) };
      default:
        return {};
    }
  };

  return (
    <Paper withBorder p="sm" data-testid="enhancement-advance">
      <Stack gap="sm">
        {next && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void move(next, stepInput(next));
            }}
          >
            <Stack gap="xs">
              <Text size="sm" fw={600}>
                Next: {ENHANCEMENT_STAGE_LABELS[next]}
              </Text>
              {next === 'QUALIFIED' && (
                <>
                  <Checkbox
                    label="Customer interested?"
                    checked={interest}
                    onChange={(event) => setInterest(event.currentTarget.checked)}
                  />
                  <Checkbox
                    label="Budget confirmed?"
                    checked={budget}
                    onChange={(event) => setBudget(event.currentTarget.checked)}
                  />
                </>
              )}
              {next === 'ESTIMATING' && (
                <NumberInput
                  label="Estimated value"
                  description="Optional now; a proposal needs a value"
                  prefix="$"
                  thousandSeparator=","
                  allowDecimal={false}
                  allowNegative={false}
                  value={estimate}
                  onChange={setEstimate}
                />
              )}
              {next === 'PROPOSED' && (
                <NumberInput
                  label="Proposal value"
                  description={`Estimated: ${formatMoney(enhancement.estimatedValue)}`}
                  prefix="$"
                  thousandSeparator=","
                  allowDecimal={false}
                  allowNegative={false}
                  value={proposal}
                  onChange={setProposal}
                />
              )}
              <Group gap="xs">
                <Button type="submit" size="sm" loading={loading} disabled={declining}>
                  {STEP_LABELS[next] ?? `Mark ${ENHANCEMENT_STAGE_LABELS[next].toLowerCase()}`}
                </Button>
                {mayDecline && !declining && (
                  <Button size="sm" variant="default" color="red" onClick={() => setDeclining(true)}>
                    Decline…
                  </Button>
                )}
              </Group>
            </Stack>
          </form>
        )}
        {mayDecline && (declining || !next) && (
          <form
            data-testid="decline-form"
            onSubmit={(event) => {
              event.preventDefault();
              void move('DECLINED', { declineReason: reason });
            }}
          >
            <Stack gap="xs">
              <Textarea
                label="Why was it declined?"
                placeholder="Board moved the budget to next year"
                rows={3}
                required
                value={reason}
                onChange={(event) => setReason(event.currentTarget.value)}
              />
              <Group gap="xs">
                <Button type="submit" size="sm" color="red" loading={loading} disabled={reason.trim() === ''}>
                  Decline
                </Button>
                {next && (
                  <Button size="sm" variant="subtle" onClick={() => setDeclining(false)}>
                    Cancel
                  </Button>
                )}
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
