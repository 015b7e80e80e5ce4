import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DUE_KINDS, type DueKind } from '@groundwork/shared';
import { graphqlEnum } from '../../platform/graphql/enum.graphql.js';
import { LocalDateScalar } from '../../platform/graphql/scalars.graphql.js';

export const DueKindEnum = graphqlEnum(DUE_KINDS, 'DueKind');

@ObjectType({ description: 'Something on an account falling due this week, or late.' })
export class DueWorkItem {
  @Field(() => DueKindEnum) kind!: DueKind;
  @Field(() => ID) accountId!: string;
  @Field(() => String) accountName!: string;
  @Field(() => ID) accountManagerId!: string;
  @Field(() => String) accountManagerName!: string;
  @Field(() => LocalDateScalar, { description: 'The company day it is due (late Issues: today).' }) dueDate!: string;
  @Field(() => Int, { description: 'Company days from today; negative when late.' }) daysLeft!: number;
  @Field(() => Int, { description: 'Late Issues: how many; 0 otherwise.' }) count!: number;
}
