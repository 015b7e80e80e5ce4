import { Field, ID, InputType, Int } from 'type-graphql';
import { MultilineText } from '../../platform/graphql/input-checks.graphql.js';

@InputType()
export class CompleteSiteWalkInput {
  @Field(() => ID) siteWalkId!: string;
  @MultilineText()
  @Field(() => String, { nullable: true })
  notes?: string | null;
  @Field(() => Boolean) customerAttended!: boolean;
  @Field(() => Int, { description: "The account manager's read of the relationship, 1 (poor) – 5 (excellent)." })
  relationshipPulse!: number;
}
