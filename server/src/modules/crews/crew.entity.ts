import { randomUUID } from 'node:crypto';
import { Check, Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { ServiceLine } from './service-line.entity.js';
import { User } from '../users/index.js';

@ObjectType()
@Entity({ tableName: 'crews' })
@Check({ name: 'crews_color_hex', expression: `color ~ '^#[0-9a-fA-F]{6}$'` })
export class Crew {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String)
  @Unique()
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => ServiceLine)
  @ManyToOne(() => ServiceLine, { deleteRule: 'restrict' })
  serviceLine!: Rel<ServiceLine>;

  @Field(() => User, { nullable: true })
  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  lead: Rel<User> | null = null;

  @Field(() => String)
  @Property({ type: 'string', length: 7 })
  color!: string;
}
