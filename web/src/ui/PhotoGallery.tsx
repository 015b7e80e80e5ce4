import {
  ActionIcon,
  Badge,
  Group,
  Image,
  Modal,
  SimpleGrid,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import { formatDateTime } from './date.format';
import { useNestedOverlay } from './nested-overlay';

export type GalleryPhoto = {
  id: string;
  kind: 'BEFORE' | 'AFTER';
  /** ≈320 px, for the grid. */
  thumbUrl: string;
  /** ≈1600 px, for the lightbox. */
  displayUrl: string;
  takenAt?: string | null;
  /** Taken more than 100 m from the property (read from the photo's GPS). */
  farFromProperty?: boolean;
};

const KIND_LABEL = { BEFORE: 'Before', AFTER: 'After' } as const;

function describe(photo: GalleryPhoto, index: number, of: number) {
  return `${KIND_LABEL[photo.kind]} photo ${index + 1} of ${of}`;
}

function Thumbs({
  photos,
  all,
  onOpen,
}: {
  photos: readonly GalleryPhoto[];
  all: readonly GalleryPhoto[];
  onOpen: (index: number) => void;
}) {
  const perKind = (p: GalleryPhoto) => photos.indexOf(p);
  return (
    <SimpleGrid cols={photos.length > 1 ? 2 : 1} spacing={6} verticalSpacing={6}>
      {photos.map((photo) => (
        <UnstyledButton
          key={photo.id}
          onClick={() => onOpen(all.indexOf(photo))}
          aria-label={`Open ${describe(photo, perKind(photo), photos.length).toLowerCase()}`}
          style={{ position: 'relative' }}
        >
          <Image
            src={photo.thumbUrl}
            alt={describe(photo, perKind(photo), photos.length)}
            radius="sm"
            h={photos.length > 1 ? 96 : 160}
            fit="cover"
            loading="lazy"
          />
          {photo.farFromProperty && (
            <Tooltip label="Taken more than 100 m from the property">
              <Badge size="xs" color="orange" variant="filled" style={{ position: 'absolute', top: 4, left: 4 }}>
                Far from site
              </Badge>
            </Tooltip>
          )}
        </UnstyledButton>
      ))}
    </SimpleGrid>
  );
}

type PhotoGalleryProps = {
  photos: readonly GalleryPhoto[];
  timeZone: string;
  /** Shown where a kind has no photo yet, e.g. "No after photo yet". */
  emptyAfter?: string;
};

/**
 * An Issue's or Enhancement's photos: before and after side by side (the
 * check an account manager makes without walking the site again), each thumb
 * opening the display size in a lightbox. Nothing when there are no photos.
 */
export function PhotoGallery({ photos, timeZone, emptyAfter }: PhotoGalleryProps) {
  const [open, setOpen] = useState<number | null>(null);
  const phone = useMediaQuery('(max-width: 36em)');
  // Escape closes the lightbox, not the drawer it was opened from.
  useNestedOverlay(open !== null);
  const before = photos.filter((p) => p.kind === 'BEFORE');
  const after = photos.filter((p) => p.kind === 'AFTER');
  // Lightbox order: befores, then afters, as the grid reads.
  const all = [...before, ...after];
  if (all.length === 0 && !emptyAfter) return null;
  const current = open === null ? null : all[open];
  const step = (by: number) => setOpen((i) => (i === null ? i : (i + by + all.length) % all.length));
  const column = (kind: 'BEFORE' | 'AFTER', list: readonly GalleryPhoto[], empty: string) => (
    <Stack gap={4} data-testid={`photos-${kind.toLowerCase()}`}>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase">
        {KIND_LABEL[kind]}
      </Text>
      {list.length ? (
        <Thumbs photos={list} all={all} onOpen={setOpen} />
      ) : (
        <Text size="xs" c="dimmed">
          {empty}
        </Text>
      )}
    </Stack>
  );
  return (
    <>
      {after.length > 0 || emptyAfter ? (
        <SimpleGrid cols={2} spacing="sm" data-testid="photo-gallery">
          {column('BEFORE', before, 'No before photo')}
          {column('AFTER', after, emptyAfter ?? 'No after photo')}
        </SimpleGrid>
      ) : (
        <Stack gap={4} data-testid="photo-gallery">
          {column('BEFORE', before, '')}
        </Stack>
      )}
      <Modal
        opened={current != null}
        onClose={() => setOpen(null)}
        fullScreen={phone}
        size="xl"
        centered
        title={
          current
            ? describe(
                current,
                (current.kind === 'BEFORE' ? before : after).indexOf(current),
                (current.kind === 'BEFORE' ? before : after).length,
              )
            : ''
        }
        onKeyDown={(event) => {
          if (event.key === 'ArrowRight') step(1);
          if (event.key === 'ArrowLeft') step(-1);
        }}
      >
        {current && (
          <Stack gap="xs" data-testid="lightbox">
            <Image
              src={current.displayUrl}
              alt={`${KIND_LABEL[current.kind]} photo, full size`}
              fit="contain"
              mah="75vh"
            />
            <Group justify="space-between" wrap="nowrap">
              <ActionIcon
                variant="light"
                aria-label="Previous photo"
                onClick={() => step(-1)}
                disabled={all.length < 2}
              >
                <IconChevronLeft size={18} />
              </ActionIcon>
              <Text size="xs" c="dimmed">
                {current.takenAt ? `Taken ${formatDateTime(current.takenAt, timeZone)}` : 'Time taken unknown'}
                {current.farFromProperty ? ' · more than 100 m from the property' : ''}
              </Text>
              <ActionIcon variant="light" aria-label="Next photo" onClick={() => step(1)} disabled={all.length < 2}>
                <IconChevronRight size={18} />
              </ActionIcon>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
