import { useMutation } from '@apollo/client/react';
import {
  effectiveUrgency,
  ISSUE_CATEGORIES,
  ISSUE_CATEGORY_LABELS,
  DUPLICATE_RADIUS_METERS,
  type IssueCategory,
} from '@groundwork/shared';
import { Alert, Badge, Button, Chip, Drawer, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useCompanyTimeZone } from '../../ui/company-calendar';
import { describeError } from '../../ui/error.describe';
import { newClientId } from '../../ui/photo-upload';
import { classifyFailure } from './outbox.rules';
import { captureFirstOnPhone, type Outbox } from './outbox.store';
import { CreateWalkIssueMutation } from './walk.graphql';
import type { LngLat } from './walk-map.types';
import { savedIssueLabel } from './walk.format';
import { useWalkPhotos } from './walk-photos.hook';
import { WalkPhotoStrip } from './WalkPhotoStrip';

type IssueSheetProps = {
  opened: boolean;
  propertyId: string;
  siteWalkId: string;
  spot: LngLat;
  onClose: () => void;
  /** The Issue was saved: the sentence to show ("Saved — Irrigation South, due Thu"). */
  onSaved: (message: string) => void;
  onOpenIssue: (issueId: string) => void;
  outbox: Outbox;
};

/**
 * A new Issue in a few taps: a category chip (the title and urgency follow
 * from it), optional photos and description, Save. Open Issues of the same
 * category nearby come back from the server before anything is written.
 */
export function IssueSheet(props: IssueSheetProps) {
  return (
    <Drawer
      opened={props.opened}
      onClose={props.onClose}
      position="bottom"
      size="auto"
      title="New Issue"
      styles={{ content: { maxHeight: '90dvh' } }}
    >
      {/* Remounted per opening: a fresh form, a fresh client id. */}
      {props.opened && <IssueForm {...props} />}
    </Drawer>
  );
}

function IssueForm({ propertyId, siteWalkId, spot, onSaved, onOpenIssue, outbox }: IssueSheetProps) {
  const timeZone = useCompanyTimeZone();
  const [clientId] = useState(newClientId);
  const [category, setCategory] = useState<IssueCategory | null>(null);
  const [title, setTitle] = useState('');
  const [titleEdited, setTitleEdited] = useState(false);
  const [description, setDescription] = useState('');
  const [urgent, setUrgent] = useState(false);
  const photos = useWalkPhotos();
  const [create, { data, loading, error }] = useMutation(CreateWalkIssueMutation);

  const choose = (value: IssueCategory) => {
    setCategory(value);
    if (!titleEdited) setTitle(ISSUE_CATEGORY_LABELS[value]);
  };
  const urgency = category ? effectiveUrgency(category, urgent ? 'URGENT' : 'ROUTINE') : 'ROUTINE';
  const alwaysUrgent = category !== null && effectiveUrgency(category, 'ROUTINE') === 'URGENT';

  const [keeping, setKeeping] = useState(false);

  const save = async (allowDuplicate: boolean) => {
    if (!category) return;
    const input = {
      propertyId,
      siteWalkId,
      location: spot,
      category,
      title: title.trim() || ISSUE_CATEGORY_LABELS[category],
      description: description.trim() || null,
      urgency,
      allowDuplicate,
    };
    setKeeping(true);
    // Written on the phone first; sent at once when there is a signal and every photo went up.
    const outcome = await captureFirstOnPhone(
      outbox,
      {
        clientId,
        kind: 'ISSUE',
        siteWalkId,
        label: `Issue: ${input.title}`,
        input,
        photos: photos.photos.map((p) => ({ clientId: p.clientId, name: p.file.name, blob: p.file })),
      },
      navigator.onLine && !photos.failed
        ? () => create({ variables: { input: { ...input, clientId, photoIds: photos.photoIds } } })
        : null,
    ).catch(() => null);
    setKeeping(false);
    if (!outcome) return;
    if (!outcome.sent) return onSaved(`Saved on this phone — ${input.title}`);
    const issue = outcome.value.data?.createIssue.issue;
    if (issue) onSaved(savedIssueLabel(issue.crew?.name ?? null, issue.dueAt, timeZone));
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
      {error && !classifyFailure(error).retry && (
        <Alert color="red" title={describeError(error).title}>
          {describeError(error).message}
        </Alert>
      )}
      {candidates.length > 0 && (
        <Alert color="orange" title={`Already reported within ${DUPLICATE_RADIUS_METERS} m?`}>
          <Stack gap={6}>
            {candidates.map((candidate) => (
              <Group key={candidate.issue.id} gap="xs" wrap="nowrap" justify="space-between">
                <Text size="sm">
                  {candidate.issue.title} · {Math.round(candidate.distanceMeters)} m
                </Text>
                <Button size="compact-sm" variant="light" onClick={() => onOpenIssue(candidate.issue.id)}>
                  Open that one
                </Button>
              </Group>
            ))}
            <Button color="orange" loading={loading} onClick={() => void save(true)}>
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
