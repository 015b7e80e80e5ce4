import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import {
  KPI_DIMENSIONS,
  KPI_METRICS,
  KPI_RECORD_KINDS,
  type KpiDimension,
  type KpiMetric,
  type KpiRecordKind,
} from '@groundwork/shared';
import { graphqlEnum } from '../../platform/graphql/enum.graphql.js';

export const KpiDimensionEnum = graphqlEnum(KPI_DIMENSIONS, 'KpiDimension');
export const KpiMetricEnum = graphqlEnum(KPI_METRICS, 'KpiMetric');
export const KpiRecordKindEnum = graphqlEnum(KPI_RECORD_KINDS, 'KpiRecordKind');

@ObjectType({
  description:
    'One month of one row. A share or median is null when there was nothing to measure ("—", never 0); a figure a row cannot have (a crew has no walks, Enhancements or plans) is null too.',
})
export class KpiFigures {
  @Field(() => String, { description: 'The company month, YYYY-MM.' }) month!: string;

  @Field(() => Int, { description: 'Routine Issues due in the month.' }) routineDue!: number;
  @Field(() => Int, { description: 'Of those, resolved by their due time.' }) routineFixedOnTime!: number;
  @Field(() => Float, { nullable: true, description: 'routineFixedOnTime ÷ routineDue (0–1).' })
  fixedByNextVisit!: number | null;

  @Field(() => Int, { description: 'Issues resolved in the month.' }) resolved!: number;
  @Field(() => Float, { nullable: true, description: 'Median hours from report to resolution, routine Issues.' })
  medianHoursToFixRoutine!: number | null;
  @Field(() => Float, { nullable: true, description: 'Median hours from report to resolution, urgent Issues.' })
  medianHoursToFixUrgent!: number | null;
  @Field(() => Float, { nullable: true, description: 'Resolved in the month and never reopened ÷ resolved (0–1).' })
  firstTimeRight!: number | null;

  @Field(() => Int, { description: 'Issues open and past due at the end of the month (now, for this month).' })
  overdue!: number;

  @Field(() => Int, { description: 'Safety Issues open at the end of the month.' }) safetyOpen!: number;
  @Field(() => Float, { nullable: true, description: 'Median hours to fix the safety Issues resolved in the month.' })
  medianHoursToFixSafety!: number | null;

  @Field(() => Int, { nullable: true, description: 'Site walks completed in the month.' }) walksDone!: number | null;
  @Field(() => Float, { nullable: true, description: "Walks the accounts' tiers called for in the month." })
  walksExpected!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "Walks done, each account's capped at what it owed, ÷ walks expected (0–1).",
  })
  walkCompliance!: number | null;

  @Field(() => Int, { nullable: true, description: 'Enhancements identified in the month.' })
  enhancementsIdentified!: number | null;
  @Field(() => Int, { nullable: true, description: 'Of those, qualified (interest and budget confirmed).' })
  enhancementsQualified!: number | null;
  @Field(() => Int, { nullable: true, description: 'Of those, approved by the customer.' })
  enhancementsApproved!: number | null;
  @Field(() => Float, { nullable: true, description: 'Value of the Enhancements approved in the month.' })
  approvedValue!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "Approved value in the 12 months ending with this one ÷ the accounts' annual contract value.",
  })
  approvedValueShare!: number | null;

  @Field(() => Int, { nullable: true, description: 'Accounts under contract in the month.' })
  planAccounts!: number | null;
  @Field(() => Float, { nullable: true, description: 'Accounts whose plan had a review in the month ÷ planAccounts.' })
  planReviewsOnTime!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Accounts whose plan had a quarterly update in the 3 months ending this one ÷ planAccounts.',
  })
  planUpdatesOnTime!: number | null;
}

@ObjectType({ description: 'One account manager, crew or account (or the whole company) over the trend months.' })
export class KpiRow {
  @Field(() => ID, { description: "The user's, crew's or account's id; \"company\" for the company row." })
  key!: string;
  @Field(() => String) label!: string;
  @Field(() => [KpiFigures], { description: 'One per month of the table, oldest first.' }) months!: KpiFigures[];
}

@ObjectType({ description: 'KPIs per account manager, crew or account, with the company beside them.' })
export class KpiTable {
  @Field(() => KpiDimensionEnum) dimension!: KpiDimension;
  @Field(() => [String], { description: 'The months, oldest first; the selected one last.' }) months!: string[];
  @Field(() => [KpiRow], { description: "The rows in the viewer's scope (and the filters), by label." })
  rows!: KpiRow[];
  @Field(() => Int, { description: 'Rows there are; more than sent when truncated.' }) rowCount!: number;
  @Field(() => Boolean) truncated!: boolean;
  @Field(() => KpiRow, { description: 'The whole company, whatever the scope: the figure to compare with.' })
  company!: KpiRow;
  @Field(() => Date, { description: 'The instant the figures were read at.' }) asOf!: Date;
}

@ObjectType({ description: 'A record behind a KPI figure.' })
export class KpiRecord {
  @Field(() => KpiRecordKindEnum) kind!: KpiRecordKind;
  @Field(() => ID) id!: string;
  @Field(() => String, { description: "The Issue's or Enhancement's title, or the account's name." }) title!: string;
  @Field(() => ID) accountId!: string;
  @Field(() => String) accountName!: string;
  @Field(() => Date, {
    nullable: true,
    description: 'When it counted: due, resolved, identified or approved (none for accounts).',
  })
  at!: Date | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether it counts for the figure (fixed on time, never reopened, approved, walked enough, reviewed).',
  })
  good!: boolean | null;
  @Field(() => Float, { nullable: true, description: 'Hours from report to resolution.' }) hours!: number | null;
  @Field(() => Float, { nullable: true, description: "An Enhancement's value." }) value!: number | null;
  @Field(() => Int, { nullable: true, description: 'An account: walks done in the month.' }) done!: number | null;
  @Field(() => Float, { nullable: true, description: 'An account: walks owed in the month.' }) expected!: number | null;
  @Field(() => String, { nullable: true, description: 'The account manager, crew or urgency the record carries.' })
  note!: string | null;
}

@ObjectType({ description: 'The records behind one figure of a KPI table.' })
export class KpiRecords {
  @Field(() => KpiMetricEnum) metric!: KpiMetric;
  @Field(() => String) month!: string;
  @Field(() => Int, { description: 'Records there are; more than sent when truncated.' }) total!: number;
  @Field(() => Boolean) truncated!: boolean;
  @Field(() => [KpiRecord]) records!: KpiRecord[];
}
