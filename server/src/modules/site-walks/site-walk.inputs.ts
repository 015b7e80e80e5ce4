import { Field, ID, InputType, Int } from 'type-graphql';
import type { QualityArea } from '@groundwork/shared';
import { MultilineText } from '../../platform/graphql/input-checks.graphql.js';
import { QualityAreaEnum } from './site-walk-score.entity.js';

@InputType()
export class QualityScoreInput {
  @Field(() => QualityAreaEnum) area!: QualityArea;
  @Field(() => Int, { description: '1 (poor) – 5 (excellent).' }) score!: number;
  @MultilineText()
  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType()
export class CompleteSiteWalkInput {
  @Field(() => ID) siteWalkId!: string;
  @MultilineText()
  @Field(() => String, { nullable: true })
  notes?: string | null;
  @Field(() => Boolean) customerAttended!: boolean;
  @Field(() => Int, { description: "The account manager's read of the relationship, 1 (poor) – 5 (excellent)." })
  relationshipPulse!: number;
  @Field(() => [QualityScoreInput], { nullable: true, description: 'At most one per area.' })
  scores?: QualityScoreInput[] | null;
}
