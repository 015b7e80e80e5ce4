import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';

@ObjectType('OpsEvent', { description: 'One change, in commit order. Resume a subscription with its cursor.' })
export class OpsEventType {
  @Field(() => String, { description: 'Opaque; pass it as `since` to resume after this event.' })
  cursor!: string;

  @Field(() => String, { description: 'ISSUE_CREATED, ISSUE_ASSIGNED, ISSUE_MOVED, ISSUE_STATUS_CHANGED, …' })
  type!: string;

  @Field(() => String)
  entityType!: string;

  @Field(() => ID)
  entityId!: string;

  @Field(() => ID, { nullable: true })
  accountId!: string | null;

  @Field(() => ID, { nullable: true })
  propertyId!: string | null;

  @Field(() => ID, { nullable: true })
  actorId!: string | null;

  @Field(() => Date)
  at!: Date;

  @Field(() => GraphQLJSONObject, { description: 'The changed fields, small (status, crewId, location, version…).' })
  payload!: Record<string, unknown>;
}

@InputType()
export class OpsEventFilter {
  @Field(() => [ID], { nullable: true }) accountIds?: string[] | null;
  @Field(() => [ID], { nullable: true }) propertyIds?: string[] | null;
  @Field(() => [String], { nullable: true }) entityTypes?: string[] | null;
  @Field(() => [String], { nullable: true }) types?: string[] | null;
}
