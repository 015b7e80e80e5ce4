import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
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

/**
 * An uploaded image. It is uploaded first (no owner, no kind: visible to its
 * uploader only) and attached by the write that uses it (createIssue,
 * updateIssueStatus, createEnhancement…), which sets its owner and kind; an
 * upload left unattached is deleted after PHOTO_ORPHAN_HOURS.
 */
@ObjectType()
@Entity({ tableName: 'photos' })
@Check({ name: 'photos_at_most_one_owner', expression: 'num_nonnulls(issue_id, enhancement_id) <= 1' })
@Check({
  name: 'photos_kind_when_attached',
  expression: '(kind is null) = (issue_id is null and enhancement_id is null)',
})
@Check({ name: 'photos_size_positive', expression: 'size_bytes > 0' })
@Check({ name: 'photos_dimensions_positive', expression: 'width > 0 and height > 0' })
@Index({ name: 'photos_created_at_index', properties: ['createdAt'] })
export class Photo {
  /** The uploading client's own id: a retried upload finds the photo it already made. */
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ type: 'Issue', nullable: true, deleteRule: 'cascade', index: true })
  issue: Rel<PhotoOwner> | null = null;

  @ManyToOne({ type: 'Enhancement', nullable: true, deleteRule: 'cascade', index: true })
  enhancement: Rel<PhotoOwner> | null = null;

  /** Null until attached. */
  @Enum({ items: () => [...PHOTO_KINDS], type: 'string', nullable: true })
  kind: PhotoKind | null = null;

  /**
   * Prefix of the photo's objects in the photo store: `<key>/source` (the bytes
   * as uploaded, kept as evidence and never served) and `<key>/<variant>.jpg`
   * (upright, metadata stripped: what is served).
   */
  @Property({ type: 'string', length: 300 })
  fileKey!: string;

  /** Of the uploaded bytes, read from their content. */
  @Property({ type: 'string', length: 100 })
  contentType!: string;

  @Field(() => Int, { description: 'Size of the file as uploaded.' })
  @Property({ type: 'integer' })
  sizeBytes!: number;

  @Field(() => Int, { description: 'Upright width in pixels.' })
  @Property({ type: 'integer' })
  width!: number;

  @Field(() => Int, { description: 'Upright height in pixels.' })
  @Property({ type: 'integer' })
  height!: number;

  @Field(() => Date, { nullable: true, description: "From the camera's EXIF, when it wrote one." })
  @Property({ type: 'datetime', nullable: true })
  takenAt: Date | null = null;

  @Field(() => LngLat, { nullable: true, description: "Where it was taken, from the camera's GPS." })
  @Property({ type: PointType, nullable: true })
  location: LngLatValue | null = null;

  /** From its GPS to the owner's property boundary (0 inside), set when attached; null without GPS. */
  @Property({ type: 'double', nullable: true })
  distanceFromPropertyMeters: number | null = null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  uploadedBy: Rel<User> | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'datetime', nullable: true })
  attachedAt: Date | null = null;
}
