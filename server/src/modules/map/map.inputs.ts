import { Field, Float, ID, InputType } from 'type-graphql';
import {
  MAP_PIN_KINDS,
  type EnhancementStage,
  type IssueCategory,
  type IssueStatus,
  type IssueUrgency,
  type MapPinKind,
} from '@groundwork/shared';
import { graphqlEnum } from '../../platform/graphql/enum.graphql.js';
import { EnhancementStageEnum } from '../enhancements/index.js';
import { IssueCategoryEnum, IssueStatusEnum, IssueUrgencyEnum } from '../issues/index.js';

export const MapPinKindEnum = graphqlEnum(MAP_PIN_KINDS, 'MapPinKind');

@InputType({
  description:
    'The visible map area in WGS 84. west > east is a view across the antimeridian; longitudes must be wrapped into [-180, 180].',
})
export class BBoxInput {
  @Field(() => Float) west!: number;
  @Field(() => Float) south!: number;
  @Field(() => Float) east!: number;
  @Field(() => Float) north!: number;
}

@InputType({ description: 'What the map shows. Every list narrows; an empty or missing list means "any".' })
export class MapFilter {
  @Field(() => [MapPinKindEnum], { nullable: true, description: 'Issues, Enhancements or both (default both).' })
  kinds?: MapPinKind[] | null;

  @Field(() => [IssueStatusEnum], {
    nullable: true,
    description: 'Issue statuses (default OPEN, ASSIGNED, IN_PROGRESS; RESOLVED adds those awaiting verification).',
  })
  statuses?: IssueStatus[] | null;

  @Field(() => [EnhancementStageEnum], {
    nullable: true,
    description: 'Enhancement stages (default every open stage).',
  })
  stages?: EnhancementStage[] | null;

  @Field(() => IssueUrgencyEnum, {
    nullable: true,
    description: 'Issues of this urgency only (Enhancements have none).',
  })
  urgency?: IssueUrgency | null;

  @Field(() => [IssueCategoryEnum], { nullable: true, description: 'Issue categories (Enhancements have none).' })
  categories?: IssueCategory[] | null;

  @Field(() => [ID], { nullable: true }) serviceLineIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Issues of these crews (Enhancements have no crew).' })
  crewIds?: string[] | null;

  @Field(() => [ID], { nullable: true }) accountIds?: string[] | null;
  @Field(() => [ID], { nullable: true }) accountManagerIds?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Overdue Issues only (Enhancements have no due date).' })
  overdueOnly?: boolean | null;
}
