import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { HEALTH_BANDS, RENEWAL_RISKS, type HealthBand, type RenewalRisk } from '@groundwork/shared';
import { graphqlEnum } from '../../platform/graphql/enum.graphql.js';
import { LocalDateScalar } from '../../platform/graphql/scalars.graphql.js';
import { SortDirection } from '../accounts/index.js';

export const HealthBandEnum = graphqlEnum(HEALTH_BANDS, 'HealthBand', 'HEALTHY ≥ 75, WATCH 50–74, AT_RISK < 50.');
export const RenewalRiskEnum = graphqlEnum(RENEWAL_RISKS, 'RenewalRisk');
export const HEALTH_RECORD_KINDS = ['ISSUE', 'SITE_WALK', 'ENHANCEMENT'] as const;
export type HealthRecordKind = (typeof HEALTH_RECORD_KINDS)[number];
export const HealthRecordKindEnum = graphqlEnum(HEALTH_RECORD_KINDS, 'HealthRecordKind');

@ObjectType({ description: 'A record behind a metric or flag: open it to see why the score is what it is.' })
export class HealthRecordLink {
  @Field(() => HealthRecordKindEnum) kind!: HealthRecordKind;
  @Field(() => ID) id!: string;
  @Field(() => String) label!: string;
  @Field(() => Date, { description: 'When it happened (created, completed or approved).' }) at!: Date;
}

@ObjectType({ description: 'One measured metric of a category.' })
export class HealthMetric {
  @Field(() => String, { description: '"category.metric", e.g. backlog.overduePerProperty.' }) key!: string;
  @Field(() => String) label!: string;
  @Field(() => Float, { description: 'Weight within its category.' }) weight!: number;
  @Field(() => Float, { nullable: true, description: 'Measured value in the metric’s unit; null: no data.' })
  value!: number | null;
  @Field(() => Float, { nullable: true, description: '0–100; null: no data, left out of the score.' })
  score!: number | null;
  @Field(() => Float, { description: 'Points of the overall 100 this metric earned.' }) pointsEarned!: number;
  @Field(() => Float) pointsMissed!: number;
  @Field(() => String) detail!: string;
}

@ObjectType({ description: 'A category of the score with its points earned and missed.' })
export class HealthFactor {
  @Field(() => String) key!: string;
  @Field(() => String) label!: string;
  @Field(() => Float, { description: 'Configured weight (before renormalising over categories with data).' })
  weight!: number;
  @Field(() => Float, { nullable: true, description: '0–100; null: no data, left out.' }) score!: number | null;
  @Field(() => Float) pointsEarned!: number;
  @Field(() => Float) pointsMissed!: number;
  @Field(() => String) detail!: string;
  @Field(() => [HealthMetric]) metrics!: HealthMetric[];
}

@ObjectType('HealthFlag', { description: 'A hard flag: caps the band at AT_RISK whatever the score.' })
export class HealthFlagWithRecords {
  @Field(() => String, { description: 'URGENT_OPEN_TOO_LONG or SAFETY_OPEN_TOO_LONG.' }) key!: string;
  @Field(() => String) label!: string;
  accountId!: string;
}

@ObjectType()
export class RenewalOutlook {
  @Field(() => LocalDateScalar) renewalDate!: string;
  @Field(() => Int, { description: 'Negative when the date has passed without a renewal.' }) daysToRenewal!: number;
  @Field(() => RenewalRiskEnum) risk!: RenewalRisk;
  @Field(() => Int, { description: 'The annual value when the risk is HIGH, else 0.' }) revenueAtRisk!: number;
  @Field(() => [String], { description: 'Why the risk is what it is, most important first.' }) reasons!: string[];
}

@ObjectType({ description: 'One day of an account’s health history.' })
export class HealthPoint {
  @Field(() => LocalDateScalar) date!: string;
  @Field(() => Int) score!: number;
  @Field(() => HealthBandEnum) band!: HealthBand;
}

@ObjectType({ description: 'An account’s health: score, band, trend and why (DESIGN §2).' })
export class AccountHealth {
  @Field(() => ID) accountId!: string;
  @Field(() => Int, { description: '0–100, whole points (half points round up).' }) score!: number;
  @Field(() => HealthBandEnum, { description: 'The band after hard flags.' }) band!: HealthBand;
  @Field(() => HealthBandEnum, { description: 'The band the score alone gives.' }) scoreBand!: HealthBand;
  @Field(() => Int, { nullable: true, description: 'Score now minus the snapshot 30 days ago; null without one.' })
  trend30d!: number | null;
  @Field(() => Date) computedAt!: Date;
  @Field(() => [HealthFactor]) factors!: HealthFactor[];
  /** Resolved with their records by the resolver. */
  flags!: { key: string; label: string }[];
  @Field(() => RenewalOutlook) renewal!: RenewalOutlook;
  /** Keys of the costliest metrics (resolved to metrics by the resolver). */
  costliestKeys!: string[];
}

@ObjectType({ description: 'A metric costing points, with the records behind it.' })
export class CostlyMetric extends HealthMetric {
  @Field(() => [HealthRecordLink], { description: 'Up to 10 records behind it, newest or worst first.' })
  records!: HealthRecordLink[];
}

@ObjectType()
export class HealthBandCounts {
  @Field(() => Int) healthy!: number;
  @Field(() => Int) watch!: number;
  @Field(() => Int) atRisk!: number;
}

@ObjectType()
export class RenewalRiskCounts {
  @Field(() => Int) low!: number;
  @Field(() => Int) medium!: number;
  @Field(() => Int) high!: number;
}

export enum PortfolioSortField {
  ANNUAL_VALUE = 'ANNUAL_VALUE',
  SCORE = 'SCORE',
  TREND = 'TREND',
  RENEWAL_DATE = 'RENEWAL_DATE',
  NAME = 'NAME',
}
registerEnumType(PortfolioSortField, { name: 'PortfolioSortField' });

@InputType()
export class PortfolioSort {
  @Field(() => PortfolioSortField) field!: PortfolioSortField;
  @Field(() => SortDirection, { nullable: true, description: 'Default DESC for values and scores, ASC otherwise.' })
  direction?: SortDirection | null;
}

@InputType({ description: 'Narrows the whole portfolio (totals included) to part of the book.' })
export class PortfolioFilter {
  @Field(() => ID, { nullable: true }) accountManagerId?: string | null;
  @Field(() => String, { nullable: true }) segment?: string | null;
  @Field(() => [HealthBandEnum], { nullable: true }) bands?: HealthBand[] | null;
  @Field(() => [RenewalRiskEnum], { nullable: true }) risks?: RenewalRisk[] | null;
}

@ObjectType({ description: 'The executive view of the book (DESIGN §2): value, health, key accounts, renewals.' })
export class Portfolio {
  @Field(() => Int) accountCount!: number;
  @Field(() => Float, { description: 'Σ annual contract value.' }) totalAnnualValue!: number;
  @Field(() => Float, { nullable: true, description: 'Σ value × score ÷ Σ value; null when there is no value.' })
  revenueWeightedHealth!: number | null;
  @Field(() => HealthBandCounts) bandCounts!: HealthBandCounts;
  @Field(() => RenewalRiskCounts) riskCounts!: RenewalRiskCounts;
  @Field(() => Float, { description: 'Annual value of HIGH renewal-risk accounts.' }) revenueAtRisk!: number;
  @Field(() => Float, { description: 'Annual value of MEDIUM renewal-risk accounts (beside revenueAtRisk).' })
  mediumRevenueAtRisk!: number;
  @Field(() => Float, { description: 'The share of total value key accounts reach (0.8).' }) keyAccountShare!: number;
  @Field(() => Float, { description: 'Annual value of the key accounts.' }) keyAccountValue!: number;
  @Field(() => Int, { description: 'Renewal horizon of renewals and renewalsAtRisk, in days (180).' })
  renewalHorizonDays!: number;
  @Field(() => String, { description: 'Event cursor this was read at: subscribe with since = it.' }) cursor!: string;
  /** Account ids, resolved to accounts by the resolver. */
  keyAccountIds!: string[];
  renewalIds!: string[];
}
