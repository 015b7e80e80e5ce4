import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../platform/graphql/scalars.graphql.js';

// The report's own types, not the records': each says only what the customer
// may read, so a field added to Issue or Enhancement for the team never shows here.

@ObjectType({ description: 'An Issue as the customer reads it: no description, no crew note.' })
export class ReportIssue {
  @Field(() => ID) id!: string;
  @Field() title!: string;
  @Field() category!: string;
  @Field() urgency!: string;
  @Field() propertyName!: string;
  @Field(() => Date) reportedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'The end of the visit day it was to be fixed by.' })
  dueAt!: Date | null;
  @Field(() => Date, { nullable: true }) fixedAt!: Date | null;
}

@ObjectType()
export class ReportCategoryCount {
  @Field() category!: string;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: 'A fix with its proof: the photos before and after.' })
export class ReportProofPair {
  @Field(() => ReportIssue) issue!: ReportIssue;
  @Field(() => [ID]) beforePhotoIds!: string[];
  @Field(() => [ID]) afterPhotoIds!: string[];
  @Field({ description: 'Shown in the report (picked by the account manager, or among the most telling).' })
  chosen!: boolean;
}

@ObjectType()
export class ReportEnhancement {
  @Field(() => ID) id!: string;
  @Field() title!: string;
  @Field() stage!: string;
  @Field(() => Int, { nullable: true, description: 'Proposal value, else the estimate (whole currency units).' })
  value!: number | null;
  @Field() propertyName!: string;
  @Field(() => Date, { nullable: true }) approvedAt!: Date | null;
  @Field(() => [ID]) photoIds!: string[];
}

@ObjectType()
export class ReportWalk {
  @Field(() => Date) completedAt!: Date;
  @Field(() => Boolean, { nullable: true }) customerAttended!: boolean | null;
  @Field() propertyName!: string;
}

@ObjectType({ description: 'Quality scores of an area (1–5) on the walks of the period, beside the period before.' })
export class ReportAreaScore {
  @Field() area!: string;
  @Field(() => Float) average!: number;
  @Field(() => Float, { nullable: true }) previousAverage!: number | null;
  @Field(() => Int) walks!: number;
}

@ObjectType()
export class ReportVisit {
  @Field(() => LocalDateScalar) date!: string;
  @Field() serviceLine!: string;
  @Field() propertyName!: string;
}

@ObjectType({
  description:
    'What was found and fixed for a customer in a period, with before/after proof, Enhancements and care. ' +
    'Written for the customer: no health score, revenue or renewal figure, no crew note.',
})
export class CustomerReport {
  @Field(() => ID) accountId!: string;
  @Field() accountName!: string;
  @Field(() => ID, { nullable: true }) propertyId!: string | null;
  @Field(() => String, { nullable: true }) propertyName!: string | null;
  @Field(() => LocalDateScalar) from!: string;
  @Field(() => LocalDateScalar) to!: string;

  @Field(() => Int, { description: 'Issues reported in the period.' }) found!: number;
  @Field(() => Int) foundOnWalks!: number;
  @Field(() => Int) foundByCustomer!: number;
  @Field(() => Int) foundByCrews!: number;
  @Field(() => [ReportCategoryCount]) foundByCategory!: ReportCategoryCount[];

  @Field(() => Int, { description: 'Issues fixed in the period.' }) fixed!: number;
  @Field(() => Int, { description: 'Routine Issues fixed in the period that had a scheduled visit to be fixed by.' })
  routineFixedWithVisit!: number;
  @Field(() => Int, { description: 'Of those, fixed by the end of that visit day.' }) fixedByNextVisit!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'fixedByNextVisit ÷ routineFixedWithVisit in %; null without any.',
  })
  fixedByNextVisitPercent!: number | null;
  @Field(() => Float, { nullable: true }) medianHoursToFixRoutine!: number | null;
  @Field(() => Float, { nullable: true }) medianHoursToFixUrgent!: number | null;
  @Field(() => [ReportIssue], { description: 'Open at the end of the period, the soonest due first.' })
  stillOpen!: ReportIssue[];

  @Field(() => [ReportProofPair], {
    description: 'Every fix of the period with before and after photos, the most telling first.',
  })
  proofPairs!: ReportProofPair[];

  @Field(() => [ReportEnhancement]) enhancementsApproved!: ReportEnhancement[];
  @Field(() => Int) enhancementsApprovedValue!: number;
  @Field(() => [ReportEnhancement], { description: 'Proposals awaiting the customer’s decision now.' })
  enhancementsAwaitingDecision!: ReportEnhancement[];

  @Field(() => [ReportWalk]) siteWalks!: ReportWalk[];
  @Field(() => [ReportAreaScore]) qualityByArea!: ReportAreaScore[];
  @Field(() => [ReportVisit], { description: 'The next scheduled visits (at most 10).' }) nextVisits!: ReportVisit[];
}

@ObjectType({
  description: 'A customer report shared by link: no sign-in, read-only, that report only, until it expires.',
})
export class CustomerReportShare {
  @Field(() => ID) id!: string;
  @Field(() => LocalDateScalar) from!: string;
  @Field(() => LocalDateScalar) to!: string;
  @Field(() => ID, { nullable: true }) propertyId!: string | null;
  @Field(() => [ID], { description: 'The Issues whose before/after pairs the shared report shows.' })
  proofIssueIds!: string[];
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) expiresAt!: Date;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
  @Field(() => Int, { description: 'How often the link was opened (page, PDF).' }) viewCount!: number;
  @Field(() => Date, { nullable: true }) lastViewedAt!: Date | null;
  @Field(() => String, {
    nullable: true,
    description: 'The public link: only in the answer of shareCustomerReport (only a hash of its token is kept).',
  })
  url!: string | null;
}

@ObjectType()
export class CustomerReportEmail {
  @Field(() => CustomerReportShare, { description: 'The link the email carries.' }) share!: CustomerReportShare;
  @Field(() => [String]) sentTo!: string[];
}

@ObjectType({
  description:
    "Last month's report of one of your accounts, ready to review: prepared on the 1st, sent only when you send it.",
})
export class CustomerReportDraft {
  @Field(() => ID) accountId!: string;
  @Field() accountName!: string;
  @Field(() => LocalDateScalar) from!: string;
  @Field(() => LocalDateScalar) to!: string;
  @Field(() => Date, { nullable: true, description: 'When it was last shared or sent for this period; null: not yet.' })
  sharedAt!: Date | null;
}
