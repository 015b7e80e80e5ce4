import { graphql } from '../../gql';

export const EnhancementDetails_enhancement = graphql(`
  fragment EnhancementDetails_enhancement on Enhancement {
    id
    title
    description
    stage
    version
    allowedStages
    customerInterest
    budgetConfirmed
    estimatedValue
    proposalValue
    declineReason
    createdAt
    updatedAt
    account {
      id
      name
    }
    property {
      id
      name
    }
    serviceLine {
      id
      name
    }
    photos {
      ...PhotoGallery_photo
    }
  }
`);

export const EnhancementDetailsQuery = graphql(`
  query EnhancementDetails($id: ID!) {
    enhancement(id: $id) {
      id
      ...EnhancementDetails_enhancement
    }
  }
`);

// Answers with everything the drawer shows, so the cache (and the account's pipeline table) updates at once.
export const AdvanceEnhancementMutation = graphql(`
  mutation AdvanceEnhancement($input: AdvanceEnhancementInput!) {
    advanceEnhancement(input: $input) {
      id
      ...EnhancementDetails_enhancement
    }
  }
`);
