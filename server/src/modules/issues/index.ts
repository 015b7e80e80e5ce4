export { Issue, IssueStatusEnum, IssueCategoryEnum, IssueUrgencyEnum, IssueSourceEnum } from './issue.entity.js';
export { IssueActivity } from './issue-activity.entity.js';
export { IssueService } from './issue.service.js';
export { IssueResolver, AccountIssuesResolver, IssueConnection } from './issue.resolver.js';
