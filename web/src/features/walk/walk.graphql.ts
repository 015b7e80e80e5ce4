import { graphql } from '../../gql';

export const WalkListQuery = graphql(`
  query WalkList($near: LngLatInput, $first: Int) {
    walkList(near: $near, first: $first) {
      distanceMeters
      lastWalkedAt
      dueDate
      dueInDays
      openWalk {
        id
      }
      property {
        id
        name
        address
        account {
          id
          name
        }
      }
    }
  }
`);

export const WalkPropertyQuery = graphql(`
  query WalkProperty($propertyId: ID!) {
    property(id: $propertyId) {
      id
      name
      centroid {
        lng
        lat
      }
      boundary
      schedules {
        id
        nextVisitDate
        crew {
          id
          name
        }
      }
    }
    issues(filter: { propertyId: $propertyId, openOnly: true }, first: 200) {
      nodes {
        id
        title
        category
        location {
          lng
          lat
        }
      }
    }
    enhancements(filter: { propertyId: $propertyId, openOnly: true }, first: 200) {
      nodes {
        id
        title
        location {
          lng
          lat
        }
      }
    }
  }
`);

export const StartSiteWalkMutation = graphql(`
  mutation StartSiteWalk($propertyId: ID!, $clientId: ID) {
    startSiteWalk(propertyId: $propertyId, clientId: $clientId) {
      id
      startedAt
    }
  }
`);

export const CreateWalkIssueMutation = graphql(`
  mutation CreateWalkIssue($input: CreateIssueInput!) {
    createIssue(input: $input) {
      issue {
        id
        title
        urgency
        dueAt
        crew {
          id
          name
        }
      }
      duplicateCandidates {
        distanceMeters
        issue {
          id
          title
          status
          photos {
            id
            thumbUrl
          }
        }
      }
    }
  }
`);

export const CreateWalkEnhancementMutation = graphql(`
  mutation CreateWalkEnhancement($input: CreateEnhancementInput!) {
    createEnhancement(input: $input) {
      id
      title
    }
  }
`);

export const CompleteSiteWalkMutation = graphql(`
  mutation CompleteSiteWalk($input: CompleteSiteWalkInput!) {
    completeSiteWalk(input: $input) {
      id
      completedAt
      summary
      scores {
        id
        area
        score
      }
    }
  }
`);

export const AddIssueEvidenceMutation = graphql(`
  mutation AddIssueEvidence($input: AddIssueEvidenceInput!) {
    addIssueEvidence(input: $input) {
      id
      title
      version
      photos {
        id
      }
    }
  }
`);
