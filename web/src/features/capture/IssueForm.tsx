import { useMutation } from '@apollo/client/react';
import {
  effectiveUrgency,
  ISSUE_CATEGORIES,
  ISSUE_CATEGORY_LABELS,
  DUPLICATE_RADIUS_METERS,
  type IssueCategory,
} from '@groundwork/shared';
import { Alert, Badge, Button, Chip, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useCompanyTimeZone } from '../../ui/company-calendar';
import { newClientId } from '../../ui/photo-upload';
import { CaptureRefusal } from '../walk/CaptureRefusal';
import { captureFirstOnPhone, type CaptureOutcome, type NewOutboxItem, type Outbox } from '../walk/outbox.store';
import { AddIssueEvidenceMutation, CreateWalkIssueMutation } from '../walk/walk.graphql';
import type { LngLat } from '../walk/walk-map.types';
import { savedIssueLabel } from '../walk/walk.format';
import { useWalkPhotos } from '../walk/walk-photos.hook';
import { WalkPhotoStrip } from '../walk/WalkPhotoStrip';

/**
 * Where the Issue is captured: on a walk (the walk's id; saved on the phone
 * first, the outbox sends it when there is no signal), or at a desk, from a
 * customer's call (sent at once, online only).
 */
export type IssueCapture = { siteWalkId: string; outbox: Outbox } | { source: 'CUSTOMER' };

export type IssueFormProps = {
  propertyId: string;
  spot: LngLat;
  capture: IssueCapture;
  /** Saved, or added to an Issue already reported: the sentence to show ("Saved — Irrigation South, due Thu"). */
  onSaved: (message: string) => void;
  onOpenIssue: (issueId: string) => void;
};

/**
 * A new Issue in a few taps: a category chip (the title and urgency follow
 * from it), optional photos and description, Save. Open Issues of the same
 * category nearby come back from the server before anything is written; the
 * person opens one, adds their photos and note to it, or says theirs is new.
 */
export function IssueForm({ propertyId, spot, capture, onSaved, onOpenIssue }: IssueFormProps) {
  const timeZone = useCompanyTimeZone();
  const [clientId] = useState(newClientId);
  // The addition's own id: a retry (or a second tap) adds once.
  const [evidenceClientId] = useState(newClientId);
  const [category, setCategory] = useState<IssueCategory | null>(null);
  const [title, setTitle] = useState('');
  const [titleEdited, setTitleEdited] = useState(false);
  const [description, setDescription] = useState('');
  const [urgent, setUrgent] = useState(false);
  const photos = useWalkPhotos();
  const [create, { data, loading, error }] = useMutation(CreateWalkIssueMutation);
  const [addEvidence, evidence] = useMutation(AddIssueEvidenceMutation);
  const [keeping, setKeeping] = useState(false);
  const walk = 'siteWalkId' in capture ? capture : null;

  const choose = (value: IssueCategory) => {
    setCategory(value);
    if (!titleEdited) setTitle(ISSUE_CATEGORY_LABELS[value]);
  };
  const urgency = category ? effectiveUrgency(category, urgent ? 'URGENT' : 'ROUTINE') : 'ROUTINE';
  const alwaysUrgent = category !== null && effectiveUrgency(category, 'ROUTINE') === 'URGENT';
  const chosenTitle = category ? title.trim() || ISSUE_CATEGORY_LABELS[category] : '';
  const photoItems = () => photos.photos.map((p) => ({ clientId: p.clientId, name: p.file.name, blob: p.file }));
  const canSendNow = () => navigator.onLine && !photos.failed;

  /**
   * On a walk: written on the phone first, and sent at once when there is a
   * signal and every photo went up. At a desk: sent at once. Null when the
   * server refused it (the form shows why).
   */
  const send = <T,>(
    item: Pick<NewOutboxItem, 'clientId' | 'kind' | 'label' | 'input'>,
    sendNow: () => Promise<T>,
  ): Promise<CaptureOutcome<T> | null> => {
    if (!walk)
      return sendNow().then(
        (value) => ({ sent: true as const, value }),
        () => null,
      );
    const kept = { ...item, siteWalkId: walk.siteWalkId, photos: photoItems() };
    return captureFirstOnPhone(walk.outbox, kept, canSendNow() ? sendNow : null).catch(() => null);
  };

  const save = async (allowDuplicate: boolean) => {
    if (!category) return;
    const input = {
      propertyId,
      location: spot,
      category,
      title: chosenTitle,
      description: description.trim() || null,
      urgency,
      allowDuplicate,
      ...(walk ? { siteWalkId: walk.siteWalkId } : { source: 'CUSTOMER' as const }),
    };
    setKeeping(true);
    const outcome = await send({ clientId, kind: 'ISSUE', label: `Issue: ${input.title}`, input }, () =>
      create({ variables: { input: { ...input, clientId, photoIds: photos.photoIds } } }),
    );
    setKeeping(false);
    if (!outcome) return;
    if (!outcome.sent) return onSaved(`Saved on this phone — ${input.title}`);
    const issue = outcome.value.data?.createIssue.issue;
    if (issue) onSaved(savedIssueLabel(issue.crew?.name ?? null, issue.dueAt, timeZone));
  };

  /** "Add my photo/note to this one": the description (or the title) as the note, and the photos taken. */
  const addTo = async (issue: { id: string; title: string }) => {
    const input = { issueId: issue.id, note: description.trim() || chosenTitle, siteWalkId: walk?.siteWalkId ?? null };
    setKeeping(true);
    const outcome = await send(
      { clientId: evidenceClientId, kind: 'ISSUE_EVIDENCE', label: `Added to: ${issue.title}`, input },
      () => addEvidence({ variables: { input: { ...input, clientId: evidenceClientId, photoIds: photos.photoIds } } }),
    );
    setKeeping(false);
    if (!outcome) return;
    onSaved(outcome.sent ? `Added to ${issue.title}` : `Saved on this phone — added to ${issue.title}`);
  };

  const candidates = data?.createIssue.issue === null ? data.createIssue.duplicateCandidates : [];

  return (
    <Stack gap="sm">
      <Chip.Group multiple={false} value={category} onChange={(value) => choose(value as IssueCategory)}>
        <Group gap={6}>
          {ISSUE_CATEGORIES.map((value) => (
            <Chip key={value} value={value} size="md" radius="sm">
              {ISSUE_CATEGORY_LABELS[value]}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      {category && (
        <>
          <TextInput
            label="Title"
            value={title}
            onChange={(event) => {
              setTitle(event.currentTarget.value);
              setTitleEdited(true);
            }}
          />
          <Chip
            checked={urgency === 'URGENT'}
            disabled={alwaysUrgent}
            onChange={setUrgent}
            color="red"
            variant="outline"
          >
            {alwaysUrgent ? 'Urgent (always, for safety)' : 'Urgent'}
          </Chip>
          <Textarea
            label="Description"
            placeholder="Optional"
            autosize
            minRows={1}
            value={description}
            onChange={(event) => setDescription(event.currentTarget.value)}
          />
          <WalkPhotoStrip photos={photos} />
        </>
      )}
      <CaptureRefusal errors={[error, evidence.error]} />
      {candidates.length > 0 && (
        <Alert color="orange" title={`Already reported within ${DUPLICATE_RADIUS_METERS} m?`}>
          <Stack gap={6}>
            {candidates.map((candidate) => (
              <Stack key={candidate.issue.id} gap={4} data-testid="duplicate-candidate">
                <Text size="sm">
                  {candidate.issue.title} · {Math.round(candidate.distanceMeters)} m
                </Text>
                <Group gap="xs">
                  <Button
                    size="compact-sm"
                    variant="filled"
                    color="orange"
                    disabled={photos.pending}
                    loading={evidence.loading}
                    onClick={() => void addTo(candidate.issue)}
                  >
                    Add my photo/note to this one
                  </Button>
                  <Button size="compact-sm" variant="light" onClick={() => onOpenIssue(candidate.issue.id)}>
                    Open that one
                  </Button>
                </Group>
              </Stack>
            ))}
            <Button color="orange" variant="outline" loading={loading} onClick={() => void save(true)}>
              It is new
            </Button>
          </Stack>
        </Alert>
      )}
      {candidates.length === 0 && (
        <Button
          size="lg"
          disabled={!category || photos.pending}
          loading={loading || keeping}
          onClick={() => void save(false)}
        >
          {photos.pending ? 'Uploading photos…' : 'Save'}
        </Button>
      )}
      {urgency === 'URGENT' && category && <Badge color="red">Urgent</Badge>}
    </Stack>
  );
}
