import { Anchor } from '@mantine/core';
import type { ReactNode } from 'react';

type ExpandToggleProps = {
  expanded: boolean;
  /** The id of the list it shows more of. */
  controls: string;
  onToggle: () => void;
  children: ReactNode;
};

/** "3 more reasons" / "Show fewer": shows the rest of a list in place (a phone has no hover for a tooltip). */
export function ExpandToggle({ expanded, controls, onToggle, children }: ExpandToggleProps) {
  return (
    <Anchor
      component="button"
      type="button"
      size="xs"
      ta="left"
      aria-expanded={expanded}
      aria-controls={controls}
      onClick={onToggle}
    >
      {children}
    </Anchor>
  );
}
