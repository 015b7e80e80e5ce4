import { graphql } from '../../gql';

// The live map's GraphQL: the view it reads, the two changes a dropped pin makes, and the drawer's crew choices.

export const MapViewQuery = graphql(`
  query MapView($bbox: BBoxInput!, $zoom: Float!, $filter: MapFilter) {
    mapView(bbox: $bbox, zoom: $zoom, filter: $filter) {
      cursor
      clustered
      truncated
      pinCount
      pinLimit
      propertyCount
      properties {
        id
        name
        accountId
        boundary
        centroid {
          lng
          lat
        }
      }
      pins {
        id
        kind
        title
        status
        stage
        urgency
        category
        overdue
        dueAt
        crewId
        version
        propertyId
        accountId
        location {
          lng
          lat
        }
      }
      clusters {
        id
        count
        enhancementCount
        urgentCount
        overdueCount
        location {
          lng
          lat
        }
        bounds {
          west
          south
          east
          north
        }
        byStatus {
          status
          count
        }
      }
    }
  }
`);

export const MapAssignIssueMutation = graphql(`
  mutation MapAssignIssue($input: AssignIssueInput!) {
    assignIssue(input: $input) {
      id
      status
      version
      dueAt
      overdue
      crew {
        id
        name
        color
      }
      property {
        id
        name
        schedules {
          id
          crew {
            id
          }
        }
      }
    }
  }
`);

/** What the drawer's crew picker shows for an Issue: its property's visits, which set the due date. */
export const IssueCrewChoicesQuery = graphql(`
  query IssueCrewChoices($id: ID!) {
    issue(id: $id) {
      id
      status
      urgency
      createdAt
      dueAt
      version
      crew {
        id
      }
      property {
        id
        name
        schedules {
          id
          nextVisitDate
          crew {
            id
          }
        }
      }
    }
  }
`);

export const MapMoveIssueMutation = graphql(`
  mutation MapMoveIssue($input: MoveIssueInput!) {
    moveIssue(input: $input) {
      id
      version
      location {
        lng
        lat
      }
    }
  }
`);

/** A new urgent Issue's title and property, for its announcement (its event carries neither). */
export const UrgentIssueQuery = graphql(`
  query UrgentIssue($id: ID!) {
    issue(id: $id) {
      id
      title
      property {
        id
        name
      }
    }
  }
`);
