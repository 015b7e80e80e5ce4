import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, Modal, SegmentedControl, Stack, TextInput, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import {
  PLAN_COACHING_QUESTIONS,
  companyToday,
  requiredPlanAnswers,
  type PlanCoachingAnswer,
  type PlanReviewKind,
} from '@groundwork/shared';
import { describeError, type ErrorDescription } from '../../ui/error.describe';
import { useCompanyTimeZone } from '../../ui/company-calendar';
import { useToast } from '../../ui/toast';
import { RecordPlanReviewMutation } from './account-plan.graphql';

export const REVIEW_KIND_LABELS: Record<PlanReviewKind, string> = {
  MONTHLY_REVIEW: 'Monthly review',
  QUARTERLY_UPDATE: 'Quarterly update',
};

type PlanReviewDialogProps = {
  opened: boolean;
  onClose: () => void;
  planId: string;
  /** The kind the card suggests (the one falling due first). */
  kind: PlanReviewKind;
  onRecorded: () => Promise<unknown>;
  now?: Date;
};

/** Records a monthly review or a quarterly update: what changed, and the three coaching questions. */
export function PlanReviewDialog(props: PlanReviewDialogProps) {
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Record a plan review" size="lg" fullScreen={phone}>
      {props.opened && <PlanReviewForm {...props} />}
    </Modal>
  );
}

const ANSWERS = Object.keys(PLAN_COACHING_QUESTIONS) as PlanCoachingAnswer[];

function PlanReviewForm({ onClose, planId, kind: suggested, onRecorded, now = new Date() }: PlanReviewDialogProps) {
  const toast = useToast();
  const timeZone = useCompanyTimeZone();
  const today = companyToday(now, timeZone);
  const [record, { loading }] = useMutation(RecordPlanReviewMutation);
  // One id per review being written: a retry after a lost answer is the same review, never a second one.
  const [clientId] = useState(() => crypto.randomUUID());
  const [kind, setKind] = useState<PlanReviewKind>(suggested);
  const [date, setDate] = useState(today);
  const [notes, setNotes] = useState('');
  const [answers, setAnswers] = useState<Record<PlanCoachingAnswer, string>>({
    goalsEvidence: '',
    peopleMet: '',
    nextOpportunities: '',
  });
  const [tried, setTried] = useState(false);
  const [refusal, setRefusal] = useState<ErrorDescription | null>(null);
  const required = new Set(requiredPlanAnswers(kind));
  const missing = (value: string, needed: boolean) => (tried && needed && !value.trim() ? 'is required' : null);

  const submit = async () => {
    setTried(true);
    setRefusal(null);
    if (!notes.trim() || [...required].some((a) => !answers[a].trim())) return;
    try {
      await record({
        variables: {
          input: {
            clientId,
            planId,
            kind,
            date,
            notes,
            goalsEvidence: answers.goalsEvidence || null,
            peopleMet: answers.peopleMet || null,
            nextOpportunities: answers.nextOpportunities || null,
          },
        },
      });
      await onRecorded();
      toast.show({ tone: 'green', title: `${REVIEW_KIND_LABELS[kind]} recorded` });
      onClose();
    } catch (error) {
      setRefusal(describeError(error));
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
        <SegmentedControl
          aria-label="Kind of review"
          value={kind}
          onChange={(value) => setKind(value as PlanReviewKind)}
          data={(Object.keys(REVIEW_KIND_LABELS) as PlanReviewKind[]).map((k) => ({
            value: k,
            label: REVIEW_KIND_LABELS[k],
          }))}
        />
        <TextInput
          type="date"
          label="Held on"
          max={today}
          value={date}
          onChange={(event) => setDate(event.currentTarget.value || today)}
        />
        <Textarea
          label="What changed since the last review"
          withAsterisk
          autosize
          minRows={2}
          value={notes}
          onChange={(event) => setNotes(event.currentTarget.value)}
          error={missing(notes, true)}
        />
        {ANSWERS.map((answer) => (
          <Textarea
            key={answer}
            label={PLAN_COACHING_QUESTIONS[answer]}
            withAsterisk={required.has(answer)}
            autosize
            minRows={1}
            value={answers[answer]}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setAnswers((a) => ({ ...a, [answer]: value }));
            }}
            error={missing(answers[answer], required.has(answer))}
          />
        ))}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={loading}>
            Record {REVIEW_KIND_LABELS[kind].toLowerCase()}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
