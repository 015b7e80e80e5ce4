import { AuthResolver } from '../modules/auth/index.js';
import { AccountResolver, AccountPlanResolver } from '../modules/accounts/index.js';
import { PropertyResolver, AccountPropertiesResolver, SchedulePropertyResolver } from '../modules/properties/index.js';
import {
  CrewResolver,
  ServiceLineResolver,
  ServiceScheduleResolver,
  UserCrewResolver,
} from '../modules/crews/index.js';
import { IssueResolver, AccountIssuesResolver } from '../modules/issues/index.js';
import { EnhancementResolver, AccountEnhancementsResolver } from '../modules/enhancements/index.js';
import { SiteWalkResolver, AccountSiteWalksResolver } from '../modules/site-walks/index.js';
import { PhotoResolver } from '../modules/photos/index.js';
import { OpsEventResolver } from '../modules/events/index.js';
import { MapResolver } from '../modules/map/index.js';
import { AccountReportSharesResolver, CustomerReportResolver } from '../modules/reports/index.js';
import { AccountPlanWriteResolver, DueWorkResolver } from '../modules/plans/index.js';
import { KpiResolver } from '../modules/kpis/index.js';
import {
  AccountHealthResolver,
  AccountHealthDetailResolver,
  HealthFlagResolver,
  PortfolioResolver,
} from '../modules/health/index.js';

export const RESOLVERS = [
  AuthResolver,
  AccountResolver,
  AccountPlanResolver,
  AccountPlanWriteResolver,
  DueWorkResolver,
  KpiResolver,
  PropertyResolver,
  AccountPropertiesResolver,
  SchedulePropertyResolver,
  CrewResolver,
  ServiceLineResolver,
  ServiceScheduleResolver,
  UserCrewResolver,
  IssueResolver,
  AccountIssuesResolver,
  EnhancementResolver,
  AccountEnhancementsResolver,
  SiteWalkResolver,
  AccountSiteWalksResolver,
  PhotoResolver,
  CustomerReportResolver,
  AccountReportSharesResolver,
  OpsEventResolver,
  MapResolver,
  AccountHealthResolver,
  AccountHealthDetailResolver,
  HealthFlagResolver,
  PortfolioResolver,
] as const;
