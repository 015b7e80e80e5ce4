import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { connectionTypes } from '../../platform/graphql/connection.types.js';
import { Account } from '../accounts/index.js';
import { Photo } from '../photos/index.js';
import { Enhancement, EnhancementStageEnum } from './enhancement.entity.js';
import { AdvanceEnhancementInput, CreateEnhancementInput, EnhancementFilter } from './enhancement.inputs.js';
import { EnhancementService } from './enhancement.service.js';

export const EnhancementConnection = connectionTypes(Enhancement, 'Enhancement');

@ArgsType()
class EnhancementsArgs {
  @Field(() => EnhancementFilter, { nullable: true }) filter?: EnhancementFilter | null;
  @Field(() => Int, { nullable: true }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}

@Resolver(() => Enhancement)
export class EnhancementResolver {
  @Query(() => Enhancement, { nullable: true })
  enhancement(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.service(EnhancementService).get(id);
  }

  @Query(() => EnhancementConnection)
  enhancements(@Args(() => EnhancementsArgs) args: EnhancementsArgs, @Ctx() ctx: RequestContext) {
    return ctx.service(EnhancementService).list(args.filter, args);
  }

  @FieldResolver(() => [EnhancementStageEnum], {
    description:
      'Stages your role may move it to from here (the lifecycle; the qualification and pricing gates are checked on the move).',
  })
  allowedStages(@Root() e: Enhancement, @Ctx() ctx: RequestContext) {
    return ctx.service(EnhancementService).allowedStages(e);
  }

  @FieldResolver(() => [Photo])
  photos(@Root() e: Enhancement, @Ctx() ctx: RequestContext) {
    return ctx.service(EnhancementService).photos(e.id);
  }

  @Mutation(() => Enhancement)
  createEnhancement(
    @Arg('input', () => CreateEnhancementInput) input: CreateEnhancementInput,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.service(EnhancementService).create(input);
  }

  @Mutation(() => Enhancement)
  advanceEnhancement(
    @Arg('input', () => AdvanceEnhancementInput) input: AdvanceEnhancementInput,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.service(EnhancementService).advance(input);
  }
}

/** The enhancements module's contribution to the Account type. */
@Resolver(() => Account)
export class AccountEnhancementsResolver {
  @FieldResolver(() => EnhancementConnection)
  enhancements(
    @Root() account: Account,
    @Args(() => EnhancementsArgs) args: EnhancementsArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.service(EnhancementService).ofAccount(account.id, args.filter, args);
  }
}
