import { graphql } from '../../gql';

// The live map's GraphQL: the view it reads and the two changes a dropped pin makes.

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
      crew {
        id
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
