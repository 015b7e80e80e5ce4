import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ClientProperty } from '../properties/index.js';
import { SiteWalk } from './site-walk.entity.js';

@ObjectType({ description: 'A property to walk: how far, when last walked, when the next walk is due.' })
export class WalkTarget {
  @Field(() => ClientProperty)
  property!: ClientProperty;

  @Field(() => Float, { nullable: true, description: 'Metres from `near` to the property (0 inside it).' })
  distanceMeters!: number | null;

  @Field(() => Date, { nullable: true, description: 'Start of the last completed walk.' })
  lastWalkedAt!: Date | null;

  @Field(() => String, { description: "Company day the next walk is due by the account's tier (YYYY-MM-DD)." })
  dueDate!: string;

  @Field(() => Int, { description: 'Days from today to the due day: negative when overdue.' })
  dueInDays!: number;

  @Field(() => SiteWalk, { nullable: true, description: "The viewer's walk in progress here, to resume." })
  openWalk!: SiteWalk | null;
}
