import { Button, Drawer } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowLeft } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { NestedOverlayContext, useNestedOverlayHost } from '../../ui/nested-overlay';
import { EnhancementDetails } from '../enhancements/EnhancementDetails';
import { IssueDetails } from '../issues/IssueDetails';
import { SiteWalkIssues } from './SiteWalkIssues';

/** A record a drawer can open: an Issue, an Enhancement, or a site walk (its Issues). */
export type RecordRef = { kind: 'ISSUE' | 'ENHANCEMENT' | 'SITE_WALK'; id: string; label?: string };

const TITLES: Record<RecordRef['kind'], string> = {
  ISSUE: 'Issue',
  ENHANCEMENT: 'Enhancement',
  SITE_WALK: 'Site walk',
};

const same = (a: RecordRef | null, b: RecordRef | null) => a?.kind === b?.kind && a?.id === b?.id;

type RecordDrawerProps = {
  /** What to show; null when closed. */
  record: RecordRef | null;
  onClose: () => void;
  /** Off where the account is already on screen (the account page). */
  showAccount?: boolean;
  /** More for an Issue, shown with its actions (the map's crew picker). */
  issueExtra?: (issueId: string) => ReactNode;
  /** A small map of an Issue's spot: on where no map is on screen (a crew lead's work). */
  showPlace?: boolean;
};

/**
 * The one drawer for Issues and Enhancements, wherever they are opened (the
 * map, the account page's tables and health panel, a crew lead's work). A
 * site walk opens as the list of its Issues; an Issue opened from there has a
 * way back. Full screen on a phone.
 */
export function RecordDrawer({
  record,
  onClose,
  showAccount = true,
  issueExtra,
  showPlace = false,
}: RecordDrawerProps) {
  const phone = useMediaQuery('(max-width: 36em)');
  // Records opened from inside this one (a walk's Issue), for "Back"; forgotten when another record is opened.
  const [trail, setTrail] = useState<{ of: RecordRef | null; stack: RecordRef[] }>({ of: record, stack: [] });
  const stack = same(trail.of, record) ? trail.stack : [];
  const shown = stack.at(-1) ?? record;
  const nested = useNestedOverlayHost();
  return (
    <Drawer
      opened={record !== null}
      onClose={onClose}
      closeOnEscape={nested.closeOnEscape}
      position="right"
      size={phone ? '100%' : 'md'}
      title={shown ? TITLES[shown.kind] : ''}
    >
      <NestedOverlayContext.Provider value={nested.hold}>
        {stack.length > 0 && (
          <Button
            variant="subtle"
            size="compact-sm"
            mb="xs"
            leftSection={<IconArrowLeft size={14} />}
            onClick={() => setTrail({ of: record, stack: stack.slice(0, -1) })}
          >
            Back
          </Button>
        )}
        {shown?.kind === 'ISSUE' && (
          <IssueDetails
            key={shown.id}
            id={shown.id}
            showAccount={showAccount}
            showPlace={showPlace}
            extra={issueExtra?.(shown.id)}
          />
        )}
        {shown?.kind === 'ENHANCEMENT' && <EnhancementDetails key={shown.id} id={shown.id} showAccount={showAccount} />}
        {shown?.kind === 'SITE_WALK' && (
          <SiteWalkIssues
            walkId={shown.id}
            label={shown.label}
            onOpen={(issue) => setTrail({ of: record, stack: [...stack, issue] })}
          />
        )}
      </NestedOverlayContext.Provider>
    </Drawer>
  );
}
