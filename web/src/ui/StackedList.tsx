import { Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { HTMLAttributes, ReactNode, Ref } from 'react';

/** Phone-sized, as the portfolio's cards and the record drawer read it: a table's columns no longer fit. */
export const PHONE_LIST_QUERY = '(max-width: 36em)';

/** Whether lists show as stacked items rather than tables (a phone's width). */
export function usePhoneList(): boolean {
  return useMediaQuery(PHONE_LIST_QUERY) ?? false;
}

/** A table's rows as a list, for a phone: each row one stacked item, read top to bottom. */
export function StackedList({ label, children }: { label?: string; children: ReactNode }) {
  return (
    <Stack gap={0} role="list" aria-label={label}>
      {children}
    </Stack>
  );
}

type StackedItemProps = Omit<HTMLAttributes<HTMLDivElement>, 'style' | 'color'> & {
  /** Opens what the row opens (its title is a button too, for the keyboard; its click reaches here). */
  onOpen?: () => void;
  /** A background that marks the item (overdue: red, highlighted: yellow), as its table row's. */
  tint?: string;
  ref?: Ref<HTMLDivElement>;
  children: ReactNode;
};

/** One row of a table, stacked: the title first, then its facts on wrapping lines. */
export function StackedItem({ onOpen, tint, ref, children, ...rest }: StackedItemProps) {
  return (
    <Stack
      {...rest}
      ref={ref}
      role="listitem"
      gap={4}
      px="xs"
      py="sm"
      onClick={onOpen}
      style={{
        borderTop: '1px solid var(--mantine-color-gray-3)',
        background: tint,
        cursor: onOpen ? 'pointer' : undefined,
      }}
    >
      {children}
    </Stack>
  );
}
