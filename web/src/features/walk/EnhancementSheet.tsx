import { useMutation } from '@apollo/client/react';
import { Button, Group, NumberInput, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { CaptureSheet } from '../../ui/CaptureSheet';
import { newClientId } from '../../ui/photo-upload';
import { CaptureRefusal } from './CaptureRefusal';
import { captureFirstOnPhone, type Outbox } from './outbox.store';
import { CreateWalkEnhancementMutation } from './walk.graphql';
import type { LngLat } from './walk-map.types';
import { useWalkPhotos } from './walk-photos.hook';
import { WalkPhotoStrip } from './WalkPhotoStrip';

type EnhancementSheetProps = {
  opened: boolean;
  propertyId: string;
  siteWalkId: string;
  spot: LngLat;
  onClose: () => void;
  onSaved: (message: string) => void;
  outbox: Outbox;
};

/** An Enhancement spotted on the walk: what, photos, and the two qualifying questions with a rough value. */
export function EnhancementSheet(props: EnhancementSheetProps) {
  return (
    <CaptureSheet opened={props.opened} onClose={props.onClose} title="New Enhancement">
      <EnhancementForm {...props} />
    </CaptureSheet>
  );
}

function EnhancementForm({ propertyId, siteWalkId, spot, onSaved, outbox }: EnhancementSheetProps) {
  const [clientId] = useState(newClientId);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [customerInterest, setCustomerInterest] = useState(false);
  const [budgetConfirmed, setBudgetConfirmed] = useState(false);
  const [value, setValue] = useState<number | string>('');
  const photos = useWalkPhotos();
  const [create, { loading, error }] = useMutation(CreateWalkEnhancementMutation);

  const [keeping, setKeeping] = useState(false);

  const save = async () => {
    const input = {
      propertyId,
      siteWalkId,
      location: spot,
      title: title.trim(),
      description: description.trim() || null,
      customerInterest,
      budgetConfirmed,
      estimatedValue: typeof value === 'number' ? Math.round(value) : null,
    };
    setKeeping(true);
    const outcome = await captureFirstOnPhone(
      outbox,
      {
        clientId,
        kind: 'ENHANCEMENT',
        siteWalkId,
        label: `Enhancement: ${input.title}`,
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
    const saved = outcome.value.data?.createEnhancement;
    if (saved) onSaved(`Saved — Enhancement “${saved.title}”`);
  };

  return (
    <Stack gap="sm">
      <TextInput label="Title" required value={title} onChange={(event) => setTitle(event.currentTarget.value)} />
      <Textarea
        label="Description"
        placeholder="Optional"
        autosize
        minRows={1}
        value={description}
        onChange={(event) => setDescription(event.currentTarget.value)}
      />
      <WalkPhotoStrip photos={photos} />
      <Group grow>
        <Switch
          label="Customer interested?"
          checked={customerInterest}
          onChange={(event) => setCustomerInterest(event.currentTarget.checked)}
        />
        <Switch
          label="Budget known?"
          checked={budgetConfirmed}
          onChange={(event) => setBudgetConfirmed(event.currentTarget.checked)}
        />
      </Group>
      <NumberInput label="Rough value ($)" min={0} step={500} thousandSeparator="," value={value} onChange={setValue} />
      <CaptureRefusal errors={[error]} />
      <Button
        size="lg"
        disabled={title.trim() === '' || photos.pending}
        loading={loading || keeping}
        onClick={() => void save()}
      >
        {photos.pending ? 'Uploading photos…' : 'Save'}
      </Button>
    </Stack>
  );
}
