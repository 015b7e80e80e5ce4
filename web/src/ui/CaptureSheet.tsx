import { Drawer } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';

type CaptureSheetProps = {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  /** Rendered only while open: each opening starts a fresh form (and a fresh client id). */
  children: ReactNode;
};

/**
 * The frame of every capture form (a new Issue or Enhancement, finishing a
 * walk, a customer's report at a desk): a sheet from the bottom on a phone,
 * where the thumb is and the map stays in view above it; a panel on the right
 * on a wider screen, beside the map.
 */
export function CaptureSheet({ opened, onClose, title, children }: CaptureSheetProps) {
  const phone = useMediaQuery('(max-width: 48em)', true, { getInitialValueInEffect: false });
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position={phone ? 'bottom' : 'right'}
      size={phone ? 'auto' : 'md'}
      title={title}
      styles={phone ? { content: { maxHeight: '90dvh' } } : undefined}
    >
      {opened && children}
    </Drawer>
  );
}
