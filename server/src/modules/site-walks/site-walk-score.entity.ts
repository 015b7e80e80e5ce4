import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { QUALITY_AREAS, type QualityArea } from '@groundwork/shared';
import { graphqlEnum } from '../../platform/graphql/enum.graphql.js';
import { SiteWalk } from './site-walk.entity.js';

export const QualityAreaEnum = graphqlEnum(QUALITY_AREAS, 'QualityArea');

/** One area's score on one walk: the property's quality, walk after walk. */
@ObjectType()
@Entity({ tableName: 'site_walk_scores' })
@Unique({ properties: ['siteWalk', 'area'] })
@Check({ name: 'site_walk_scores_range', expression: 'score >= 1 and score <= 5' })
export class SiteWalkScore {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => SiteWalk, { deleteRule: 'cascade' })
  siteWalk!: Rel<SiteWalk>;

  @Field(() => QualityAreaEnum)
  @Enum({ items: () => [...QUALITY_AREAS], type: 'string' })
  area!: QualityArea;

  @Field(() => Int, { description: '1 (poor) – 5 (excellent).' })
  @Property({ type: 'smallint' })
  score!: number;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  note: string | null = null;
}
