import { Text } from '@mantine/core';
import { CaptureSheet } from '../../ui/CaptureSheet';
import { IssueForm } from './IssueForm';

/** The spot pressed at a desk, inside a property. */
export type DeskIssueTarget = {
  propertyId: string;
  propertyName: string;
  spot: { lng: number; lat: number };
};

type DeskIssueSheetProps = {
  /** Where the new Issue goes; null when closed. */
  target: DeskIssueTarget | null;
  onClose: () => void;
  /** Saved, or added to an Issue already reported: the sentence to show. */
  onSaved: (message: string) => void;
  onOpenIssue: (issueId: string) => void;
};

/**
 * "New Issue here" at a desk (the live map, an account's property map): what
 * a customer reports by phone, with the walk's own form — category, title,
 * urgency, photos, duplicates — sent at once with source CUSTOMER and no walk.
 */
export function DeskIssueSheet({ target, onClose, onSaved, onOpenIssue }: DeskIssueSheetProps) {
  return (
    <CaptureSheet opened={target !== null} onClose={onClose} title="New Issue here">
      {target && (
        <>
          <Text size="sm" c="dimmed" mb="sm" data-testid="desk-issue-property">
            {target.propertyName} · reported by the customer
          </Text>
          <IssueForm
            propertyId={target.propertyId}
            spot={target.spot}
            capture={{ source: 'CUSTOMER' }}
            onSaved={onSaved}
            onOpenIssue={onOpenIssue}
          />
        </>
      )}
    </CaptureSheet>
  );
}
