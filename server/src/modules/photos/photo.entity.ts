import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt, Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PHOTO_KINDS, type PhotoKind } from '@groundwork/shared';
import { graphqlEnum } from '../../platform/graphql/enum.graphql.js';
import { PointType, type LngLatValue } from '../../platform/db/geometry.type.js';
import { LngLat } from '../../platform/graphql/geo.types.js';
import { User } from '../users/index.js';

/**
 * A photo's owner as its row knows it. Issues and enhancements depend on
 * photos (their photo lists), so photos names their entities by string.
 */
export interface PhotoOwner {
  id: string;
}

export const PhotoKindEnum = graphqlEnum(PHOTO_KINDS, 'PhotoKind');

@ObjectType()
@Entity({ tableName: 'photos' })
@Check({ name: 'photos_exactly_one_owner', expression: 'num_nonnulls(issue_id, enhancement_id) = 1' })
@Check({ name: 'photos_size_positive', expression: 'size_bytes > 0' })
export class Photo {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ type: 'Issue', nullable: true, deleteRule: 'cascade', index: true })
  issue: Rel<PhotoOwner> | null = null;

  @ManyToOne({ type: 'Enhancement', nullable: true, deleteRule: 'cascade', index: true })
  enhancement: Rel<PhotoOwner> | null = null;

  @Field(() => PhotoKindEnum)
  @Enum({ items: () => [...PHOTO_KINDS], type: 'string' })
  kind!: PhotoKind;

  /** Key in the photo store (local directory or S3-compatible bucket). */
  @Property({ type: 'string', length: 300 })
  fileKey!: string;

  @Property({ type: 'string', length: 100 })
  contentType!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  sizeBytes!: number;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  takenAt: Date | null = null;

  @Field(() => LngLat, { nullable: true })
  @Property({ type: PointType, nullable: true })
  location: LngLatValue | null = null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  uploadedBy: Rel<User> | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();
}
