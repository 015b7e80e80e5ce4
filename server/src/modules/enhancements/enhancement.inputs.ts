import { Field, ID, InputType, Int } from 'type-graphql';
import type { EnhancementStage } from '@groundwork/shared';
import { LngLatInput } from '../../platform/graphql/geo.types.js';
import { EnhancementStageEnum } from './enhancement.entity.js';
import { MultilineText } from '../../platform/graphql/input-checks.graphql.js';

@InputType()
export class EnhancementFilter {
  @Field(() => ID, { nullable: true }) accountId?: string | null;
  @Field(() => ID, { nullable: true }) propertyId?: string | null;
  @Field(() => [EnhancementStageEnum], { nullable: true }) stages?: EnhancementStage[] | null;
  @Field(() => Boolean, { nullable: true, description: 'Only stages before COMPLETED / DECLINED.' }) openOnly?:
    boolean | null;
}

@InputType()
export class CreateEnhancementInput {
  @Field(() => ID, {
    nullable: true,
    description: "The app's own id for the Enhancement (offline capture): sending it again returns the same one.",
  })
  clientId?: string | null;
  @Field(() => ID) propertyId!: string;
  @Field(() => ID, { nullable: true }) siteWalkId?: string | null;
  @Field(() => LngLatInput) location!: LngLatInput;
  @Field(() => String) title!: string;
  @MultilineText()
  @Field(() => String, { nullable: true })
  description?: string | null;
  @Field(() => ID, { nullable: true }) serviceLineId?: string | null;
  @Field(() => Boolean, { nullable: true }) customerInterest?: boolean | null;
  @Field(() => Boolean, { nullable: true }) budgetConfirmed?: boolean | null;
  @Field(() => Int, { nullable: true }) estimatedValue?: number | null;
  @Field(() => [ID], { nullable: true, description: 'Uploads (POST /photos) of the spot, attached as BEFORE photos.' })
  photoIds?: string[] | null;
}

@InputType()
export class AdvanceEnhancementInput {
  @Field(() => ID) enhancementId!: string;
  @Field(() => EnhancementStageEnum) stage!: EnhancementStage;
  @Field(() => Boolean, { nullable: true }) customerInterest?: boolean | null;
  @Field(() => Boolean, { nullable: true }) budgetConfirmed?: boolean | null;
  @Field(() => Int, { nullable: true }) estimatedValue?: number | null;
  @Field(() => Int, { nullable: true }) proposalValue?: number | null;
  @MultilineText()
  @Field(() => String, { nullable: true, description: 'Required with stage DECLINED: why the work was declined.' })
  declineReason?: string | null;
  @Field(() => Int) expectedVersion!: number;
}
