import type { LiveFilter } from '../live/live.client';

/**
 * What can change the due list while it is open: a review recorded, a walk
 * completed, an Issue resolved, reopened or reassigned (late Issues). A
 * renewal or a walk falling due as days pass is not an event; the list is
 * read afresh on each visit.
 */
export const DUE_WORK_LIVE_FILTER: LiveFilter = {
  types: ['PLAN_REVIEW_RECORDED', 'SITE_WALK_COMPLETED', 'ISSUE_STATUS_CHANGED', 'ISSUE_REOPENED', 'ISSUE_ASSIGNED'],
};
