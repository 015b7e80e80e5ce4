import { Image, SimpleGrid } from '@mantine/core';

type GridPhoto = { id: string; kind: string; thumbUrl: string };

/** Before/after photos of an Issue or Enhancement as thumbnails; nothing when there are none. */
export function PhotoGrid({ photos }: { photos: readonly GridPhoto[] }) {
  if (photos.length === 0) return null;
  return (
    <SimpleGrid cols={3} spacing={6}>
      {photos.map((photo) => (
        <Image
          key={photo.id}
          src={photo.thumbUrl}
          alt={`${photo.kind.toLowerCase()} photo`}
          radius="sm"
          h={90}
          fit="cover"
        />
      ))}
    </SimpleGrid>
  );
}
