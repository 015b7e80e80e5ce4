import { CloseButton, Group, Image, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { ENHANCEMENT_STAGE_LABELS, ISSUE_STATUS_LABELS } from '@groundwork/shared';
import { useEffect, useRef } from 'react';
import { pinIcon, type Pin } from './map.pins';
import { pinDataUrl } from './pin.icons';
import classes from './MapPage.module.css';

type PinStackChooserProps = {
  pins: readonly Pin[];
  /** Where it opens, relative to the map's area. */
  at: { x: number; y: number };
  onPick: (id: string) => void;
  onClose: () => void;
};

/** Pins drawn over each other at one spot, listed so each can be opened (not only the one on top). */
export function PinStackChooser({ pins, at, onPick, onClose }: PinStackChooserProps) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <Paper
      className={classes.stack}
      style={{ left: at.x, top: at.y }}
      shadow="md"
      radius="md"
      withBorder
      p={6}
      role="dialog"
      aria-label={`${pins.length} pins at this spot`}
      data-testid="pin-stack"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <Group justify="space-between" gap={4} wrap="nowrap" pl={4}>
        <Text size="xs" fw={600}>
          {pins.length} pins at this spot
        </Text>
        <CloseButton size="sm" onClick={onClose} aria-label="Close" />
      </Group>
      <Stack gap={2}>
        {pins.map((pin, index) => (
          <UnstyledButton
            key={pin.id}
            ref={index === 0 ? first : undefined}
            className={classes.stackItem}
            onClick={() => onPick(pin.id)}
            data-pin-id={pin.id}
          >
            <Group gap={8} wrap="nowrap" align="flex-start">
              <Image src={pinDataUrl(pinIcon(pin)) ?? undefined} w={20} h={20} alt="" />
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text size="sm">{pin.title}</Text>
                <Text size="xs" c="dimmed">
                  {pin.kind === 'ISSUE'
                    ? `Issue · ${pin.status ? ISSUE_STATUS_LABELS[pin.status] : ''}`
                    : `Enhancement · ${pin.stage ? ENHANCEMENT_STAGE_LABELS[pin.stage] : ''}`}
                </Text>
              </Stack>
            </Group>
          </UnstyledButton>
        ))}
      </Stack>
    </Paper>
  );
}
