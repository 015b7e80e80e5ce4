import { graphql } from '../../gql';

// The KPI page's operations: the table (every row and the company over 12
// months, one request), the records behind one figure, and the names its
// drill-down chips show when opened from a link.

export const KpiTable_row = graphql(`
  fragment KpiTable_row on KpiRow {
    key
    label
    months {
      month
      routineDue
      routineFixedOnTime
      fixedByNextVisit
      resolved
      medianHoursToFixRoutine
      medianHoursToFixUrgent
      firstTimeRight
      overdue
      safetyOpen
      medianHoursToFixSafety
      walksDone
      walksExpected
      walkCompliance
      enhancementsIdentified
      enhancementsQualified
      enhancementsApproved
      approvedValue
      approvedValueShare
      planAccounts
      planReviewsOnTime
      planUpdatesOnTime
    }
  }
`);

export const KpiPageQuery = graphql(`
  query KpiPage($input: KpiInput!) {
    kpis(input: $input) {
      dimension
      months
      asOf
      rowCount
      truncated
      company {
        ...KpiTable_row
      }
      rows {
        ...KpiTable_row
      }
    }
  }
`);

export const KpiRecordsQuery = graphql(`
  query KpiRecords($input: KpiRecordsInput!) {
    kpiRecords(input: $input) {
      metric
      month
      total
      truncated
      records {
        kind
        id
        title
        accountId
        accountName
        at
        good
        hours
        value
        done
        expected
        note
      }
    }
  }
`);

/** A manager's name for the filter chip: from one of their accounts (there is no list of managers to read). */
export const KpiManagerNameQuery = graphql(`
  query KpiManagerName($accountManagerId: ID!) {
    accounts(filter: { accountManagerId: $accountManagerId }, first: 1) {
      edges {
        node {
          id
          accountManager {
            id
            name
          }
        }
      }
    }
  }
`);

export const KpiCrewNamesQuery = graphql(`
  query KpiCrewNames {
    crews {
      id
      name
    }
  }
`);
