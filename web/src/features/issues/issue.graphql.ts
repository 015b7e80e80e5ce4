import { graphql } from '../../gql';

export const IssueDetails_issue = graphql(`
  fragment IssueDetails_issue on Issue {
    id
    title
    description
    status
    urgency
    category
    source
    overdue
    dueAt
    createdAt
    resolvedAt
    verifiedAt
    reopenCount
    version
    allowedStatuses
    crew {
      id
      name
      color
    }
    location {
      lng
      lat
    }
    property {
      id
      name
      address
      boundary
      centroid {
        lng
        lat
      }
    }
    account {
      id
      name
    }
    photos {
      ...PhotoGallery_photo
    }
    history {
      id
      kind
      at
      fromStatus
      toStatus
      note
      photoCount
      actor {
        id
        name
      }
      crew {
        id
        name
      }
    }
  }
`);

export const IssueDetailsQuery = graphql(`
  query IssueDetails($id: ID!) {
    issue(id: $id) {
      id
      ...IssueDetails_issue
    }
  }
`);

// Answers with everything the drawer shows, so the cache (and every list showing this Issue) updates at once.
export const IssueStatusMutation = graphql(`
  mutation IssueStatus($input: UpdateIssueStatusInput!) {
    updateIssueStatus(input: $input) {
      id
      ...IssueDetails_issue
    }
  }
`);
