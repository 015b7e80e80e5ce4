import { Field, ID, InputType, Int, ObjectType, Float } from 'type-graphql';
import type { IssueCategory, IssueSource, IssueStatus, IssueUrgency } from '@groundwork/shared';
import { LngLatInput } from '../../platform/graphql/geo.types.js';
import { Issue, IssueCategoryEnum, IssueSourceEnum, IssueStatusEnum, IssueUrgencyEnum } from './issue.entity.js';
import { MultilineText } from '../../platform/graphql/input-checks.graphql.js';

@InputType()
export class IssueFilter {
  @Field(() => ID, { nullable: true }) accountId?: string | null;
  @Field(() => ID, { nullable: true }) propertyId?: string | null;
  @Field(() => ID, { nullable: true }) crewId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only Issues found on this site walk.' }) siteWalkId?: string | null;
  @Field(() => [IssueStatusEnum], { nullable: true }) statuses?: IssueStatus[] | null;
  @Field(() => Boolean, { nullable: true, description: 'Only OPEN, ASSIGNED and IN_PROGRESS.' }) openOnly?:
    boolean | null;
  @Field(() => IssueUrgencyEnum, { nullable: true }) urgency?: IssueUrgency | null;
  @Field(() => IssueCategoryEnum, { nullable: true }) category?: IssueCategory | null;
  @Field(() => Boolean, { nullable: true }) overdueOnly?: boolean | null;
}

@InputType()
export class CreateIssueInput {
  @Field(() => ID, {
    nullable: true,
    description: "The app's own id for the Issue (offline capture): sending it again returns the same Issue.",
  })
  clientId?: string | null;
  @Field(() => ID) propertyId!: string;
  @Field(() => ID, { nullable: true }) siteWalkId?: string | null;
  @Field(() => LngLatInput) location!: LngLatInput;
  @Field(() => String) title!: string;
  @MultilineText()
  @Field(() => String, { nullable: true })
  description?: string | null;
  @Field(() => IssueCategoryEnum) category!: IssueCategory;
  @Field(() => IssueUrgencyEnum, { nullable: true, description: 'Default ROUTINE; SAFETY is always URGENT.' })
  urgency?: IssueUrgency | null;
  @Field(() => IssueSourceEnum, { nullable: true, description: 'Default SITE_WALK with a site walk, else CUSTOMER.' })
  source?: IssueSource | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Create even when open Issues of the same category lie within 25 m.',
  })
  allowDuplicate?: boolean | null;
  @Field(() => [ID], {
    nullable: true,
    description: 'Uploads (POST /photos) of the problem, attached as BEFORE photos.',
  })
  photoIds?: string[] | null;
}

@InputType()
export class AssignIssueInput {
  @Field(() => ID) issueId!: string;
  @Field(() => ID) crewId!: string;
  @Field(() => Int) expectedVersion!: number;
}

@InputType()
export class MoveIssueInput {
  @Field(() => ID) issueId!: string;
  @Field(() => LngLatInput) location!: LngLatInput;
  @Field(() => Int) expectedVersion!: number;
}

@InputType()
export class UpdateIssueStatusInput {
  @Field(() => ID) issueId!: string;
  @Field(() => IssueStatusEnum) status!: IssueStatus;
  @MultilineText()
  @Field(() => String, { nullable: true })
  note?: string | null;
  @Field(() => [ID], {
    nullable: true,
    description: 'Uploads (POST /photos) attached as AFTER photos when resolving or verifying, BEFORE otherwise.',
  })
  photoIds?: string[] | null;
  @Field(() => Int) expectedVersion!: number;
}

@InputType({
  description: 'Photos and a note for an open Issue someone already reported (instead of a duplicate).',
})
export class AddIssueEvidenceInput {
  @Field(() => ID, {
    description: "The app's own id for this addition: sending it again returns the same Issue and adds nothing.",
  })
  clientId!: string;
  @Field(() => ID) issueId!: string;
  @Field(() => ID, { nullable: true, description: 'The site walk it was seen on, when there is one.' })
  siteWalkId?: string | null;
  @MultilineText()
  @Field(() => String, { nullable: true })
  note?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Uploads (POST /photos), attached as BEFORE photos.' })
  photoIds?: string[] | null;
  @Field(() => Int, {
    nullable: true,
    description: 'When given, the version the caller read: another change since then is a VERSION_CONFLICT.',
  })
  expectedVersion?: number | null;
}

@ObjectType()
export class DuplicateCandidate {
  @Field(() => Issue) issue!: Issue;
  @Field(() => Float) distanceMeters!: number;
}

@ObjectType()
export class CreateIssuePayload {
  @Field(() => Issue, {
    nullable: true,
    description: 'Null when duplicate candidates were found and allowDuplicate was not set: nothing was written.',
  })
  issue!: Issue | null;

  @Field(() => [DuplicateCandidate])
  duplicateCandidates!: DuplicateCandidate[];
}
