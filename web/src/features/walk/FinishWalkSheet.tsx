import { useMutation } from '@apollo/client/react';
import { QUALITY_AREA_LABELS, QUALITY_AREAS, type QualityArea } from '@groundwork/shared';
import { Button, Chip, Group, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { CaptureSheet } from '../../ui/CaptureSheet';
import { CaptureRefusal } from './CaptureRefusal';
import { captureFirstOnPhone, type Outbox } from './outbox.store';
import { CompleteSiteWalkMutation } from './walk.graphql';

type FinishWalkSheetProps = {
  opened: boolean;
  siteWalkId: string;
  onClose: () => void;
  /** The walk was completed: the server's summary ("7 Issues, 2 Enhancements, routed to 3 crews, 1 urgent"). */
  onFinished: (summary: string) => void;
  outbox: Outbox;
  /** Captures of this walk still on the phone: the completion must go after them. */
  pendingCaptures: boolean;
};

const SCORES = ['1', '2', '3', '4', '5'] as const;

function ScoreChips({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string | null;
  onChange: (v: string) => void;
}) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Chip.Group multiple={false} value={value} onChange={onChange}>
        <Group gap={6} role="radiogroup" aria-label={label}>
          {SCORES.map((score) => (
            <Chip key={score} value={score} size="md" radius="sm">
              {score}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
    </Stack>
  );
}

/** Finish: quality by area (optional), the relationship pulse, whether the customer came, notes. */
export function FinishWalkSheet(props: FinishWalkSheetProps) {
  return (
    <CaptureSheet opened={props.opened} onClose={props.onClose} title="Finish walk">
      <FinishForm {...props} />
    </CaptureSheet>
  );
}

function FinishForm({ siteWalkId, onFinished, outbox, pendingCaptures }: FinishWalkSheetProps) {
  const [scores, setScores] = useState<Partial<Record<QualityArea, { score: string; note: string }>>>({});
  const [pulse, setPulse] = useState<string | null>(null);
  const [customerAttended, setCustomerAttended] = useState(false);
  const [notes, setNotes] = useState('');
  const [complete, { loading, error }] = useMutation(CompleteSiteWalkMutation);

  const finish = async () => {
    if (!pulse) return;
    const input = {
      siteWalkId,
      relationshipPulse: Number(pulse),
      customerAttended,
      notes: notes.trim() || null,
      scores: QUALITY_AREAS.flatMap((area) => {
        const given = scores[area];
        return given ? [{ area, score: Number(given.score), note: given.note.trim() || null }] : [];
      }),
    };
    // Sent at once only when none of the walk's captures still wait on the phone: it must go after them.
    const outcome = await captureFirstOnPhone(
      outbox,
      {
        clientId: `complete-${siteWalkId}`,
        kind: 'COMPLETE_WALK',
        siteWalkId,
        label: 'Finish walk',
        input,
        photos: [],
      },
      navigator.onLine && !pendingCaptures ? () => complete({ variables: { input } }) : null,
    ).catch(() => null);
    if (!outcome) return;
    if (!outcome.sent) return onFinished('Saved on this phone — the walk is finished once everything is sent');
    const walk = outcome.value.data?.completeSiteWalk;
    if (walk) onFinished(walk.summary);
  };

  return (
    <Stack gap="sm">
      {QUALITY_AREAS.map((area) => (
        <Stack key={area} gap={4}>
          <ScoreChips
            label={QUALITY_AREA_LABELS[area]}
            value={scores[area]?.score ?? null}
            onChange={(score) => setScores((s) => ({ ...s, [area]: { score, note: s[area]?.note ?? '' } }))}
          />
          {scores[area] && (
            <TextInput
              size="xs"
              placeholder="Note (optional)"
              aria-label={`${QUALITY_AREA_LABELS[area]} note`}
              value={scores[area].note}
              onChange={(event) => {
                const note = event.currentTarget.value;
                setScores((s) => ({ ...s, [area]: { score: s[area]!.score, note } }));
              }}
            />
          )}
        </Stack>
      ))}
      <ScoreChips label="Relationship pulse" value={pulse} onChange={setPulse} />
      <Switch
        label="Customer attended"
        checked={customerAttended}
        onChange={(event) => setCustomerAttended(event.currentTarget.checked)}
      />
      <Textarea
        label="Notes"
        autosize
        minRows={2}
        value={notes}
        onChange={(event) => setNotes(event.currentTarget.value)}
      />
      <CaptureRefusal errors={[error]} />
      <Button size="lg" disabled={!pulse} loading={loading} onClick={() => void finish()}>
        Finish walk
      </Button>
    </Stack>
  );
}
