/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment AccountEnhancements_enhancements on EnhancementConnection {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        title\n        stage\n        # Live updates apply only what is newer than this read.\n        version\n        customerInterest\n        budgetConfirmed\n        estimatedValue\n        proposalValue\n        property {\n          id\n          name\n        }\n        serviceLine {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.AccountEnhancements_EnhancementsFragmentDoc,
    "\n  query AccountEnhancementsNextPage($accountId: ID!, $after: String) {\n    account(id: $accountId) {\n      id\n      enhancements(filter: { openOnly: true }, first: 20, after: $after) {\n        ...AccountEnhancements_enhancements\n      }\n    }\n  }\n": typeof types.AccountEnhancementsNextPageDocument,
    "\n  fragment AccountHeader_account on Account {\n    id\n    name\n    segment\n    tier\n    annualValue\n    contractStart\n    renewalDate\n    propertyCount\n    openIssueCount\n    overdueIssueCount\n    openEnhancementCount\n    lastSiteWalkAt\n    accountManager {\n      id\n      name\n      email\n    }\n    contacts {\n      id\n      name\n      title\n      email\n      phone\n      isPrimary\n    }\n  }\n": typeof types.AccountHeader_AccountFragmentDoc,
    "\n  fragment AccountIssues_issues on IssueConnection {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        title\n        category\n        urgency\n        status\n        overdue\n        # Live updates apply only what is newer than this read.\n        version\n        dueAt\n        createdAt\n        property {\n          id\n          name\n        }\n        crew {\n          id\n          name\n          color\n        }\n      }\n    }\n  }\n": typeof types.AccountIssues_IssuesFragmentDoc,
    "\n  query AccountIssuesNextPage($accountId: ID!, $after: String) {\n    account(id: $accountId) {\n      id\n      issues(filter: { openOnly: true }, first: 20, after: $after) {\n        ...AccountIssues_issues\n      }\n    }\n  }\n": typeof types.AccountIssuesNextPageDocument,
    "\n  query AccountPage($id: ID!) {\n    eventCursor\n    account(id: $id) {\n      id\n      name\n      ...AccountHeader_account\n      properties {\n        id\n        ...AccountProperties_properties\n      }\n      issues(filter: { openOnly: true }, first: 20) {\n        ...AccountIssues_issues\n      }\n      enhancements(filter: { openOnly: true }, first: 20) {\n        ...AccountEnhancements_enhancements\n      }\n      siteWalks(first: 20) {\n        id\n        ...SiteWalksTable_siteWalks\n      }\n      plan {\n        id\n        ...AccountPlanCard_plan\n      }\n    }\n  }\n": typeof types.AccountPageDocument,
    "\n  fragment AccountPlanCard_plan on AccountPlan {\n    id\n    year\n    goals\n    opportunities\n    lastMonthlyReviewDate\n    lastQuarterlyUpdateDate\n    reviews {\n      id\n      kind\n      date\n      notes\n      reviewer {\n        id\n        name\n      }\n    }\n  }\n": typeof types.AccountPlanCard_PlanFragmentDoc,
    "\n  fragment AccountProperties_properties on Property {\n    id\n    name\n    address\n    areaSqm\n    boundary\n    centroid {\n      lng\n      lat\n    }\n    openIssueCount\n    openEnhancementCount\n    schedules {\n      id\n      weekday\n      cadence\n      nextVisitDate\n      serviceLine {\n        id\n        name\n      }\n      crew {\n        id\n        name\n        color\n      }\n    }\n  }\n": typeof types.AccountProperties_PropertiesFragmentDoc,
    "\n  query AccountsPage($filter: AccountFilter, $sort: AccountSort, $first: Int, $after: String) {\n    eventCursor\n    accounts(filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          ...AccountsTable_account\n        }\n      }\n    }\n  }\n": typeof types.AccountsPageDocument,
    "\n  fragment AccountsTable_account on Account {\n    id\n    name\n    segment\n    tier\n    annualValue\n    renewalDate\n    propertyCount\n    openIssueCount\n    overdueIssueCount\n    openEnhancementCount\n    lastSiteWalkAt\n    accountManager {\n      id\n      name\n    }\n  }\n": typeof types.AccountsTable_AccountFragmentDoc,
    "\n  fragment SiteWalksTable_siteWalks on SiteWalk {\n    id\n    startedAt\n    completedAt\n    customerAttended\n    relationshipPulse\n    issueCount\n    enhancementCount\n    property {\n      id\n      name\n    }\n    walkedBy {\n      id\n      name\n    }\n  }\n": typeof types.SiteWalksTable_SiteWalksFragmentDoc,
    "\n  fragment AuthProvider_user on User {\n    id\n    email\n    name\n    role\n    crew {\n      id\n      name\n    }\n  }\n": typeof types.AuthProvider_UserFragmentDoc,
    "\n  query Session {\n    me {\n      id\n      ...AuthProvider_user\n    }\n  }\n": typeof types.SessionDocument,
    "\n  mutation SignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      user {\n        id\n        ...AuthProvider_user\n      }\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation SignOut {\n    logout\n  }\n": typeof types.SignOutDocument,
    "\n  fragment CrewIssueCard_issue on Issue {\n    id\n    title\n    category\n    urgency\n    status\n    overdue\n    dueAt\n    version\n    property {\n      id\n      name\n      address\n    }\n  }\n": typeof types.CrewIssueCard_IssueFragmentDoc,
    "\n  query CrewWorkPage($crewId: ID!, $first: Int, $after: String) {\n    eventCursor\n    issues(filter: { crewId: $crewId, openOnly: true }, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          ...CrewIssueCard_issue\n        }\n      }\n    }\n  }\n": typeof types.CrewWorkPageDocument,
    "\n  mutation CrewIssueStatus($input: UpdateIssueStatusInput!) {\n    updateIssueStatus(input: $input) {\n      id\n      ...CrewIssueCard_issue\n    }\n  }\n": typeof types.CrewIssueStatusDocument,
    "\n  fragment LiveApply_issue on Issue {\n    id\n    version\n  }\n": typeof types.LiveApply_IssueFragmentDoc,
    "\n  fragment LiveApply_enhancement on Enhancement {\n    id\n    version\n  }\n": typeof types.LiveApply_EnhancementFragmentDoc,
    "\n  fragment LiveApply_crew on Crew {\n    id\n    name\n    color\n  }\n": typeof types.LiveApply_CrewFragmentDoc,
    "\n  subscription LiveEvents($since: String, $filter: OpsEventFilter) {\n    opsEvents(since: $since, filter: $filter) {\n      cursor\n      type\n      entityType\n      entityId\n      accountId\n      propertyId\n      at\n      payload\n    }\n  }\n": typeof types.LiveEventsDocument,
};
const documents: Documents = {
    "\n  fragment AccountEnhancements_enhancements on EnhancementConnection {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        title\n        stage\n        # Live updates apply only what is newer than this read.\n        version\n        customerInterest\n        budgetConfirmed\n        estimatedValue\n        proposalValue\n        property {\n          id\n          name\n        }\n        serviceLine {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.AccountEnhancements_EnhancementsFragmentDoc,
    "\n  query AccountEnhancementsNextPage($accountId: ID!, $after: String) {\n    account(id: $accountId) {\n      id\n      enhancements(filter: { openOnly: true }, first: 20, after: $after) {\n        ...AccountEnhancements_enhancements\n      }\n    }\n  }\n": types.AccountEnhancementsNextPageDocument,
    "\n  fragment AccountHeader_account on Account {\n    id\n    name\n    segment\n    tier\n    annualValue\n    contractStart\n    renewalDate\n    propertyCount\n    openIssueCount\n    overdueIssueCount\n    openEnhancementCount\n    lastSiteWalkAt\n    accountManager {\n      id\n      name\n      email\n    }\n    contacts {\n      id\n      name\n      title\n      email\n      phone\n      isPrimary\n    }\n  }\n": types.AccountHeader_AccountFragmentDoc,
    "\n  fragment AccountIssues_issues on IssueConnection {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        title\n        category\n        urgency\n        status\n        overdue\n        # Live updates apply only what is newer than this read.\n        version\n        dueAt\n        createdAt\n        property {\n          id\n          name\n        }\n        crew {\n          id\n          name\n          color\n        }\n      }\n    }\n  }\n": types.AccountIssues_IssuesFragmentDoc,
    "\n  query AccountIssuesNextPage($accountId: ID!, $after: String) {\n    account(id: $accountId) {\n      id\n      issues(filter: { openOnly: true }, first: 20, after: $after) {\n        ...AccountIssues_issues\n      }\n    }\n  }\n": types.AccountIssuesNextPageDocument,
    "\n  query AccountPage($id: ID!) {\n    eventCursor\n    account(id: $id) {\n      id\n      name\n      ...AccountHeader_account\n      properties {\n        id\n        ...AccountProperties_properties\n      }\n      issues(filter: { openOnly: true }, first: 20) {\n        ...AccountIssues_issues\n      }\n      enhancements(filter: { openOnly: true }, first: 20) {\n        ...AccountEnhancements_enhancements\n      }\n      siteWalks(first: 20) {\n        id\n        ...SiteWalksTable_siteWalks\n      }\n      plan {\n        id\n        ...AccountPlanCard_plan\n      }\n    }\n  }\n": types.AccountPageDocument,
    "\n  fragment AccountPlanCard_plan on AccountPlan {\n    id\n    year\n    goals\n    opportunities\n    lastMonthlyReviewDate\n    lastQuarterlyUpdateDate\n    reviews {\n      id\n      kind\n      date\n      notes\n      reviewer {\n        id\n        name\n      }\n    }\n  }\n": types.AccountPlanCard_PlanFragmentDoc,
    "\n  fragment AccountProperties_properties on Property {\n    id\n    name\n    address\n    areaSqm\n    boundary\n    centroid {\n      lng\n      lat\n    }\n    openIssueCount\n    openEnhancementCount\n    schedules {\n      id\n      weekday\n      cadence\n      nextVisitDate\n      serviceLine {\n        id\n        name\n      }\n      crew {\n        id\n        name\n        color\n      }\n    }\n  }\n": types.AccountProperties_PropertiesFragmentDoc,
    "\n  query AccountsPage($filter: AccountFilter, $sort: AccountSort, $first: Int, $after: String) {\n    eventCursor\n    accounts(filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          ...AccountsTable_account\n        }\n      }\n    }\n  }\n": types.AccountsPageDocument,
    "\n  fragment AccountsTable_account on Account {\n    id\n    name\n    segment\n    tier\n    annualValue\n    renewalDate\n    propertyCount\n    openIssueCount\n    overdueIssueCount\n    openEnhancementCount\n    lastSiteWalkAt\n    accountManager {\n      id\n      name\n    }\n  }\n": types.AccountsTable_AccountFragmentDoc,
    "\n  fragment SiteWalksTable_siteWalks on SiteWalk {\n    id\n    startedAt\n    completedAt\n    customerAttended\n    relationshipPulse\n    issueCount\n    enhancementCount\n    property {\n      id\n      name\n    }\n    walkedBy {\n      id\n      name\n    }\n  }\n": types.SiteWalksTable_SiteWalksFragmentDoc,
    "\n  fragment AuthProvider_user on User {\n    id\n    email\n    name\n    role\n    crew {\n      id\n      name\n    }\n  }\n": types.AuthProvider_UserFragmentDoc,
    "\n  query Session {\n    me {\n      id\n      ...AuthProvider_user\n    }\n  }\n": types.SessionDocument,
    "\n  mutation SignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      user {\n        id\n        ...AuthProvider_user\n      }\n    }\n  }\n": types.SignInDocument,
    "\n  mutation SignOut {\n    logout\n  }\n": types.SignOutDocument,
    "\n  fragment CrewIssueCard_issue on Issue {\n    id\n    title\n    category\n    urgency\n    status\n    overdue\n    dueAt\n    version\n    property {\n      id\n      name\n      address\n    }\n  }\n": types.CrewIssueCard_IssueFragmentDoc,
    "\n  query CrewWorkPage($crewId: ID!, $first: Int, $after: String) {\n    eventCursor\n    issues(filter: { crewId: $crewId, openOnly: true }, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          ...CrewIssueCard_issue\n        }\n      }\n    }\n  }\n": types.CrewWorkPageDocument,
    "\n  mutation CrewIssueStatus($input: UpdateIssueStatusInput!) {\n    updateIssueStatus(input: $input) {\n      id\n      ...CrewIssueCard_issue\n    }\n  }\n": types.CrewIssueStatusDocument,
    "\n  fragment LiveApply_issue on Issue {\n    id\n    version\n  }\n": types.LiveApply_IssueFragmentDoc,
    "\n  fragment LiveApply_enhancement on Enhancement {\n    id\n    version\n  }\n": types.LiveApply_EnhancementFragmentDoc,
    "\n  fragment LiveApply_crew on Crew {\n    id\n    name\n    color\n  }\n": types.LiveApply_CrewFragmentDoc,
    "\n  subscription LiveEvents($since: String, $filter: OpsEventFilter) {\n    opsEvents(since: $since, filter: $filter) {\n      cursor\n      type\n      entityType\n      entityId\n      accountId\n      propertyId\n      at\n      payload\n    }\n  }\n": types.LiveEventsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AccountEnhancements_enhancements on EnhancementConnection {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        title\n        stage\n        # Live updates apply only what is newer than this read.\n        version\n        customerInterest\n        budgetConfirmed\n        estimatedValue\n        proposalValue\n        property {\n          id\n          name\n        }\n        serviceLine {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment AccountEnhancements_enhancements on EnhancementConnection {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        title\n        stage\n        # Live updates apply only what is newer than this read.\n        version\n        customerInterest\n        budgetConfirmed\n        estimatedValue\n        proposalValue\n        property {\n          id\n          name\n        }\n        serviceLine {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountEnhancementsNextPage($accountId: ID!, $after: String) {\n    account(id: $accountId) {\n      id\n      enhancements(filter: { openOnly: true }, first: 20, after: $after) {\n        ...AccountEnhancements_enhancements\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountEnhancementsNextPage($accountId: ID!, $after: String) {\n    account(id: $accountId) {\n      id\n      enhancements(filter: { openOnly: true }, first: 20, after: $after) {\n        ...AccountEnhancements_enhancements\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AccountHeader_account on Account {\n    id\n    name\n    segment\n    tier\n    annualValue\n    contractStart\n    renewalDate\n    propertyCount\n    openIssueCount\n    overdueIssueCount\n    openEnhancementCount\n    lastSiteWalkAt\n    accountManager {\n      id\n      name\n      email\n    }\n    contacts {\n      id\n      name\n      title\n      email\n      phone\n      isPrimary\n    }\n  }\n"): (typeof documents)["\n  fragment AccountHeader_account on Account {\n    id\n    name\n    segment\n    tier\n    annualValue\n    contractStart\n    renewalDate\n    propertyCount\n    openIssueCount\n    overdueIssueCount\n    openEnhancementCount\n    lastSiteWalkAt\n    accountManager {\n      id\n      name\n      email\n    }\n    contacts {\n      id\n      name\n      title\n      email\n      phone\n      isPrimary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AccountIssues_issues on IssueConnection {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        title\n        category\n        urgency\n        status\n        overdue\n        # Live updates apply only what is newer than this read.\n        version\n        dueAt\n        createdAt\n        property {\n          id\n          name\n        }\n        crew {\n          id\n          name\n          color\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment AccountIssues_issues on IssueConnection {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        title\n        category\n        urgency\n        status\n        overdue\n        # Live updates apply only what is newer than this read.\n        version\n        dueAt\n        createdAt\n        property {\n          id\n          name\n        }\n        crew {\n          id\n          name\n          color\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountIssuesNextPage($accountId: ID!, $after: String) {\n    account(id: $accountId) {\n      id\n      issues(filter: { openOnly: true }, first: 20, after: $after) {\n        ...AccountIssues_issues\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountIssuesNextPage($accountId: ID!, $after: String) {\n    account(id: $accountId) {\n      id\n      issues(filter: { openOnly: true }, first: 20, after: $after) {\n        ...AccountIssues_issues\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountPage($id: ID!) {\n    eventCursor\n    account(id: $id) {\n      id\n      name\n      ...AccountHeader_account\n      properties {\n        id\n        ...AccountProperties_properties\n      }\n      issues(filter: { openOnly: true }, first: 20) {\n        ...AccountIssues_issues\n      }\n      enhancements(filter: { openOnly: true }, first: 20) {\n        ...AccountEnhancements_enhancements\n      }\n      siteWalks(first: 20) {\n        id\n        ...SiteWalksTable_siteWalks\n      }\n      plan {\n        id\n        ...AccountPlanCard_plan\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountPage($id: ID!) {\n    eventCursor\n    account(id: $id) {\n      id\n      name\n      ...AccountHeader_account\n      properties {\n        id\n        ...AccountProperties_properties\n      }\n      issues(filter: { openOnly: true }, first: 20) {\n        ...AccountIssues_issues\n      }\n      enhancements(filter: { openOnly: true }, first: 20) {\n        ...AccountEnhancements_enhancements\n      }\n      siteWalks(first: 20) {\n        id\n        ...SiteWalksTable_siteWalks\n      }\n      plan {\n        id\n        ...AccountPlanCard_plan\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AccountPlanCard_plan on AccountPlan {\n    id\n    year\n    goals\n    opportunities\n    lastMonthlyReviewDate\n    lastQuarterlyUpdateDate\n    reviews {\n      id\n      kind\n      date\n      notes\n      reviewer {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment AccountPlanCard_plan on AccountPlan {\n    id\n    year\n    goals\n    opportunities\n    lastMonthlyReviewDate\n    lastQuarterlyUpdateDate\n    reviews {\n      id\n      kind\n      date\n      notes\n      reviewer {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AccountProperties_properties on Property {\n    id\n    name\n    address\n    areaSqm\n    boundary\n    centroid {\n      lng\n      lat\n    }\n    openIssueCount\n    openEnhancementCount\n    schedules {\n      id\n      weekday\n      cadence\n      nextVisitDate\n      serviceLine {\n        id\n        name\n      }\n      crew {\n        id\n        name\n        color\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment AccountProperties_properties on Property {\n    id\n    name\n    address\n    areaSqm\n    boundary\n    centroid {\n      lng\n      lat\n    }\n    openIssueCount\n    openEnhancementCount\n    schedules {\n      id\n      weekday\n      cadence\n      nextVisitDate\n      serviceLine {\n        id\n        name\n      }\n      crew {\n        id\n        name\n        color\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountsPage($filter: AccountFilter, $sort: AccountSort, $first: Int, $after: String) {\n    eventCursor\n    accounts(filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          ...AccountsTable_account\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountsPage($filter: AccountFilter, $sort: AccountSort, $first: Int, $after: String) {\n    eventCursor\n    accounts(filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          ...AccountsTable_account\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AccountsTable_account on Account {\n    id\n    name\n    segment\n    tier\n    annualValue\n    renewalDate\n    propertyCount\n    openIssueCount\n    overdueIssueCount\n    openEnhancementCount\n    lastSiteWalkAt\n    accountManager {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment AccountsTable_account on Account {\n    id\n    name\n    segment\n    tier\n    annualValue\n    renewalDate\n    propertyCount\n    openIssueCount\n    overdueIssueCount\n    openEnhancementCount\n    lastSiteWalkAt\n    accountManager {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SiteWalksTable_siteWalks on SiteWalk {\n    id\n    startedAt\n    completedAt\n    customerAttended\n    relationshipPulse\n    issueCount\n    enhancementCount\n    property {\n      id\n      name\n    }\n    walkedBy {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment SiteWalksTable_siteWalks on SiteWalk {\n    id\n    startedAt\n    completedAt\n    customerAttended\n    relationshipPulse\n    issueCount\n    enhancementCount\n    property {\n      id\n      name\n    }\n    walkedBy {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuthProvider_user on User {\n    id\n    email\n    name\n    role\n    crew {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment AuthProvider_user on User {\n    id\n    email\n    name\n    role\n    crew {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Session {\n    me {\n      id\n      ...AuthProvider_user\n    }\n  }\n"): (typeof documents)["\n  query Session {\n    me {\n      id\n      ...AuthProvider_user\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      user {\n        id\n        ...AuthProvider_user\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      user {\n        id\n        ...AuthProvider_user\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    logout\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CrewIssueCard_issue on Issue {\n    id\n    title\n    category\n    urgency\n    status\n    overdue\n    dueAt\n    version\n    property {\n      id\n      name\n      address\n    }\n  }\n"): (typeof documents)["\n  fragment CrewIssueCard_issue on Issue {\n    id\n    title\n    category\n    urgency\n    status\n    overdue\n    dueAt\n    version\n    property {\n      id\n      name\n      address\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CrewWorkPage($crewId: ID!, $first: Int, $after: String) {\n    eventCursor\n    issues(filter: { crewId: $crewId, openOnly: true }, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          ...CrewIssueCard_issue\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CrewWorkPage($crewId: ID!, $first: Int, $after: String) {\n    eventCursor\n    issues(filter: { crewId: $crewId, openOnly: true }, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          ...CrewIssueCard_issue\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CrewIssueStatus($input: UpdateIssueStatusInput!) {\n    updateIssueStatus(input: $input) {\n      id\n      ...CrewIssueCard_issue\n    }\n  }\n"): (typeof documents)["\n  mutation CrewIssueStatus($input: UpdateIssueStatusInput!) {\n    updateIssueStatus(input: $input) {\n      id\n      ...CrewIssueCard_issue\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LiveApply_issue on Issue {\n    id\n    version\n  }\n"): (typeof documents)["\n  fragment LiveApply_issue on Issue {\n    id\n    version\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LiveApply_enhancement on Enhancement {\n    id\n    version\n  }\n"): (typeof documents)["\n  fragment LiveApply_enhancement on Enhancement {\n    id\n    version\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LiveApply_crew on Crew {\n    id\n    name\n    color\n  }\n"): (typeof documents)["\n  fragment LiveApply_crew on Crew {\n    id\n    name\n    color\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveEvents($since: String, $filter: OpsEventFilter) {\n    opsEvents(since: $since, filter: $filter) {\n      cursor\n      type\n      entityType\n      entityId\n      accountId\n      propertyId\n      at\n      payload\n    }\n  }\n"): (typeof documents)["\n  subscription LiveEvents($since: String, $filter: OpsEventFilter) {\n    opsEvents(since: $since, filter: $filter) {\n      cursor\n      type\n      entityType\n      entityId\n      accountId\n      propertyId\n      at\n      payload\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;