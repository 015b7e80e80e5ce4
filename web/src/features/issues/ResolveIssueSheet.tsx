import { useApolloClient } from '@apollo/client/react';
import { formatCount } from '../../ui/count.format';
import {
  ActionIcon,
  Button,
  Drawer,
  Group,
  Image,
  Progress,
  Stack,
  Text,
  Textarea,
  VisuallyHidden,
} from '@mantine/core';
import { IconCamera, IconRefresh, IconX } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { describeError } from '../../ui/error.describe';
import { newClientId, uploadPhoto, type UploadOptions } from '../../ui/photo-upload';
import { useNestedOverlay } from '../../ui/nested-overlay';
import { useToast } from '../../ui/toast';
import { IssueStatusMutation } from './issue.graphql';

type UploadState = 'uploading' | 'done' | 'failed';

type Upload = {
  /** The client's id for this file: a retry sends it again, so the server keeps one photo. */
  clientId: string;
  file: File;
  preview: string | null;
  progress: number;
  state: UploadState;
  photoId: string | null;
  error: string | null;
};

type ResolveIssueSheetProps = {
  issue: { id: string; title: string; version: number; crew?: { name: string } | null };
  opened: boolean;
  onClose: () => void;
  /** True from "Mark resolved" until the change is sent (or undone): the caller holds its buttons meanwhile. */
  onPendingChange?: (pending: boolean) => void;
  /** For tests: how each file is sent (the real upload by default). */
  upload?: (file: File, clientId: string, options: UploadOptions) => ReturnType<typeof uploadPhoto>;
};

function previewOf(file: File): string | null {
  return typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : null;
}

/**
 * "Mark resolved" on a phone: after photos straight from the camera (each
 * uploading as soon as it is taken, with its progress), a note, then the
 * change — held for a few seconds behind an Undo, since a crew lead cannot
 * move a resolved Issue back themselves.
 */
export function ResolveIssueSheet({
  issue,
  opened,
  onClose,
  onPendingChange,
  upload = uploadPhoto,
}: ResolveIssueSheetProps) {
  const client = useApolloClient();
  const toast = useToast();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [note, setNote] = useState('');
  const controllers = useRef(new Map<string, AbortController>());
  // Escape closes the sheet, not the Issue drawer it may be opened from.
  useNestedOverlay(opened);

  // Leaving the sheet for good stops what is still sending (a finished upload not attached is cleaned up by the server).
  useEffect(() => {
    const running = controllers.current;
    return () => running.forEach((c) => c.abort());
  }, []);

  const patch = (clientId: string, change: Partial<Upload>) =>
    setUploads((current) => current.map((u) => (u.clientId === clientId ? { ...u, ...change } : u)));

  const send = (item: Upload) => {
    const controller = new AbortController();
    controllers.current.set(item.clientId, controller);
    patch(item.clientId, { state: 'uploading', progress: 0, error: null });
    upload(item.file, item.clientId, {
      signal: controller.signal,
      onProgress: (progress) => patch(item.clientId, { progress }),
    }).then(
      (photo) => patch(item.clientId, { state: 'done', progress: 1, photoId: photo.id }),
      (err: unknown) => {
        if (controller.signal.aborted) return;
        // The server names the part by its client id; the person knows it by its file name.
        const message = (err instanceof Error ? err.message : String(err)).replace(item.clientId, item.file.name);
        patch(item.clientId, { state: 'failed', error: message });
      },
    );
  };

  const add = (files: FileList | null) => {
    const added = [...(files ?? [])].map<Upload>((file) => ({
      clientId: newClientId(),
      file,
      preview: previewOf(file),
      progress: 0,
      state: 'uploading',
      photoId: null,
      error: null,
    }));
    setUploads((current) => [...current, ...added]);
    added.forEach(send);
  };

  const remove = (item: Upload) => {
    controllers.current.get(item.clientId)?.abort();
    controllers.current.delete(item.clientId);
    if (item.preview) URL.revokeObjectURL(item.preview);
    setUploads((current) => current.filter((u) => u.clientId !== item.clientId));
  };

  const reset = () => {
    uploads.forEach((u) => u.preview && URL.revokeObjectURL(u.preview));
    setUploads([]);
    setNote('');
  };

  const busy = uploads.some((u) => u.state === 'uploading');
  const failed = uploads.some((u) => u.state === 'failed');
  const photoIds = uploads.flatMap((u) => (u.photoId ? [u.photoId] : []));

  const submit = () => {
    const input = {
      issueId: issue.id,
      status: 'RESOLVED' as const,
      expectedVersion: issue.version,
      photoIds,
      note: note.trim() === '' ? undefined : note,
    };
    const title = issue.title;
    reset();
    onClose();
    onPendingChange?.(true);
    toast.undoable({
      title: `Resolved — ${title}`,
      message: photoIds.length ? `With ${formatCount(photoIds.length, 'after photo')}.` : 'Without an after photo.',
      commit: async () => {
        try {
          await client.mutate({ mutation: IssueStatusMutation, variables: { input } });
        } catch (err) {
          const { title: why, message } = describeError(err);
          toast.show({ tone: 'red', title: `Not resolved: ${why}`, message, autoCloseMs: 0 });
          // Show what the Issue is now wherever it is on screen.
          await client.refetchQueries({ include: 'active' }).catch(() => undefined);
        } finally {
          onPendingChange?.(false);
        }
      },
      onUndo: () => {
        onPendingChange?.(false);
        toast.show({ tone: 'orange', title: 'Undone', message: `${title} is not resolved.` });
      },
    });
  };

  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="bottom"
      size="auto"
      zIndex={300}
      title="Mark resolved"
      styles={{ content: { maxHeight: '92dvh' } }}
    >
      <Stack gap="sm" data-testid="resolve-sheet">
        <Text size="sm" fw={600}>
          {issue.title}
        </Text>
        <Text size="sm" c="dimmed">
          Add after photos so the account manager can verify the work without another visit.
        </Text>
        <Button component="label" variant="light" leftSection={<IconCamera size={18} />} size="md">
          {uploads.length ? 'Add another photo' : 'Take or choose after photos'}
          <VisuallyHidden>
            <input
              type="file"
              accept="image/*"
              capture="environment"
              multiple
              aria-label="After photos"
              onChange={(event) => {
                add(event.currentTarget.files);
                // The same picture may be chosen again after removing it.
                event.currentTarget.value = '';
              }}
            />
          </VisuallyHidden>
        </Button>
        {uploads.map((item) => (
          <Group key={item.clientId} gap="sm" wrap="nowrap" align="center" data-testid="upload" data-state={item.state}>
            {item.preview ? (
              <Image src={item.preview} alt="" w={56} h={56} radius="sm" fit="cover" />
            ) : (
              <IconCamera size={24} aria-hidden />
            )}
            <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
              <Text size="xs" truncate="end">
                {item.file.name}
              </Text>
              <Progress
                value={Math.round(item.progress * 100)}
                color={item.state === 'failed' ? 'red' : item.state === 'done' ? 'green' : 'blue'}
                aria-label={`Upload of ${item.file.name}`}
                animated={item.state === 'uploading'}
              />
              <Text
                size="xs"
                c={item.state === 'failed' ? 'red.8' : 'dimmed'}
                role={item.state === 'failed' ? 'alert' : undefined}
              >
                {item.state === 'uploading'
                  ? `Uploading ${Math.round(item.progress * 100)} %`
                  : item.state === 'done'
                    ? 'Uploaded'
                    : item.error}
              </Text>
            </Stack>
            {item.state === 'failed' && (
              <ActionIcon variant="light" aria-label={`Retry ${item.file.name}`} onClick={() => send(item)}>
                <IconRefresh size={16} />
              </ActionIcon>
            )}
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Remove ${item.file.name}`}
              onClick={() => remove(item)}
            >
              <IconX size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Textarea
          label="Note"
          description="What was done (optional)"
          placeholder="Replaced the broken head and flushed the line"
          rows={3}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        <Button size="md" onClick={submit} disabled={busy || failed}>
          {busy ? 'Waiting for photos…' : 'Mark resolved'}
        </Button>
        {failed && (
          <Text size="xs" c="dimmed">
            Retry or remove the photo that did not upload.
          </Text>
        )}
      </Stack>
    </Drawer>
  );
}
