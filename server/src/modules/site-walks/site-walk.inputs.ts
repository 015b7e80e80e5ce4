import { Field, ID, InputType, Int } from 'type-graphql';

@InputType()
export class CompleteSiteWalkInput {
  @Field(() => ID) siteWalkId!: string;
  @Field(() => String, { nullable: true }) notes?: string | null;
  @Field(() => Boolean) customerAttended!: boolean;
  @Field(() => Int, { description: "The account manager's read of the relationship, 1 (poor) – 5 (excellent)." })
  relationshipPulse!: number;
}
