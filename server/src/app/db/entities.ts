import { User } from '../../modules/users/index.js';
import { LoginFailure } from '../../modules/auth/index.js';
import { ServiceLine, Crew, CategoryRoute, ServiceSchedule } from '../../modules/crews/index.js';
import { Account, Contact, AccountPlan, PlanReview } from '../../modules/accounts/index.js';
import { ClientProperty } from '../../modules/properties/index.js';
import { SiteWalk, SiteWalkScore } from '../../modules/site-walks/index.js';
import { Issue, IssueActivity } from '../../modules/issues/index.js';
import { Enhancement } from '../../modules/enhancements/index.js';
import { Photo } from '../../modules/photos/index.js';
import { HealthSnapshot, AccountHealthState } from '../../modules/health/index.js';
import { OpsEvent, OpsEventCounter, OpsEventOutbox } from '../../modules/events/index.js';
import { CustomerReportShareRecord, CustomerReportShareView } from '../../modules/reports/index.js';

/** Every entity, listed once, so discovery needs no file globbing in src or dist. */
export const ENTITIES = [
  User,
  ServiceLine,
  Crew,
  CategoryRoute,
  ServiceSchedule,
  Account,
  Contact,
  AccountPlan,
  PlanReview,
  ClientProperty,
  SiteWalk,
  SiteWalkScore,
  Issue,
  IssueActivity,
  Enhancement,
  Photo,
  HealthSnapshot,
  AccountHealthState,
  OpsEvent,
  OpsEventCounter,
  OpsEventOutbox,
  LoginFailure,
  CustomerReportShareRecord,
  CustomerReportShareView,
];
