import { CaptureSheet } from '../../ui/CaptureSheet';
import { IssueForm } from '../capture/IssueForm';
import type { Outbox } from './outbox.store';
import type { LngLat } from './walk-map.types';

type IssueSheetProps = {
  opened: boolean;
  propertyId: string;
  siteWalkId: string;
  spot: LngLat;
  onClose: () => void;
  /** The Issue was saved: the sentence to show ("Saved — Irrigation South, due Thu"). */
  onSaved: (message: string) => void;
  onOpenIssue: (issueId: string) => void;
  outbox: Outbox;
};

/** A new Issue found on the walk: the shared Issue form, kept on the phone first by the walk's outbox. */
export function IssueSheet({ opened, onClose, siteWalkId, outbox, ...form }: IssueSheetProps) {
  return (
    <CaptureSheet opened={opened} onClose={onClose} title="New Issue">
      <IssueForm {...form} capture={{ siteWalkId, outbox }} />
    </CaptureSheet>
  );
}
