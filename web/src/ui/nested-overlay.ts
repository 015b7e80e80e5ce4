import { createContext, useCallback, useContext, useEffect, useState } from 'react';

/** Marks an overlay opened inside another as open; returns how to unmark it. */
type Hold = () => () => void;

export const NestedOverlayContext = createContext<Hold | null>(null);

/**
 * For a drawer that opens overlays inside itself (a lightbox, a sheet):
 * Mantine closes every open overlay on Escape, so while one is open above it
 * the drawer must not close on Escape. Provide `hold` to the overlays inside.
 */
export function useNestedOverlayHost(): { closeOnEscape: boolean; hold: Hold } {
  const [open, setOpen] = useState(0);
  const hold = useCallback<Hold>(() => {
    setOpen((n) => n + 1);
    return () => setOpen((n) => n - 1);
  }, []);
  return { closeOnEscape: open === 0, hold };
}

/** Called by an overlay opened inside a drawer: while `opened`, Escape closes it and not the drawer. */
export function useNestedOverlay(opened: boolean): void {
  const hold = useContext(NestedOverlayContext);
  useEffect(() => (opened && hold ? hold() : undefined), [opened, hold]);
}
