import { ActionIcon, Button, FileButton, Group, Progress, Stack, Text } from '@mantine/core';
import { IconCamera, IconRefresh, IconX } from '@tabler/icons-react';
import type { useWalkPhotos } from './walk-photos.hook';

/** "Photo" (the camera on a phone, several at once) and each photo's upload state. */
export function WalkPhotoStrip({ photos }: { photos: ReturnType<typeof useWalkPhotos> }) {
  return (
    <Stack gap={6}>
      <FileButton onChange={(files) => photos.add(files)} accept="image/*" multiple capture="environment">
        {(props) => (
          <Button {...props} variant="light" leftSection={<IconCamera size={18} />} size="md">
            Photo
          </Button>
        )}
      </FileButton>
      {photos.photos.map((p) => (
        <Group key={p.clientId} gap="xs" wrap="nowrap" data-testid="walk-photo">
          <Text size="xs" truncate="end" style={{ flex: 1 }}>
            {p.file.name}
          </Text>
          {p.error ? (
            <>
              <Text size="xs" c="red">
                {p.error}
              </Text>
              <ActionIcon variant="subtle" aria-label="Retry photo" onClick={() => photos.retry(p.clientId)}>
                <IconRefresh size={16} />
              </ActionIcon>
            </>
          ) : p.photoId ? (
            <Text size="xs" c="green">
              uploaded
            </Text>
          ) : (
            <Progress value={p.progress * 100} w={80} size="sm" aria-label="Upload progress" />
          )}
          <ActionIcon variant="subtle" color="gray" aria-label="Remove photo" onClick={() => photos.remove(p.clientId)}>
            <IconX size={16} />
          </ActionIcon>
        </Group>
      ))}
    </Stack>
  );
}
