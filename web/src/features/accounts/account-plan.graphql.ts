import { graphql } from '../../gql';

export const SaveAccountPlanMutation = graphql(`
  mutation SaveAccountPlan($input: SaveAccountPlanInput!) {
    saveAccountPlan(input: $input) {
      id
      ...AccountPlanCard_plan
    }
  }
`);

export const RecordPlanReviewMutation = graphql(`
  mutation RecordPlanReview($input: RecordPlanReviewInput!) {
    recordPlanReview(input: $input) {
      id
      kind
      date
    }
  }
`);

/** The account's open Enhancements an opportunity can be linked to. */
export const PlanEnhancementChoicesQuery = graphql(`
  query PlanEnhancementChoices($accountId: ID!) {
    account(id: $accountId) {
      id
      enhancements(filter: { openOnly: true }, first: 50) {
        edges {
          node {
            id
            title
          }
        }
      }
    }
  }
`);
