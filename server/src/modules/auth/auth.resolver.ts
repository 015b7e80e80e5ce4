import { Arg, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { User } from '../users/index.js';
import { login } from './auth.service.js';

@ObjectType()
export class AuthPayload {
  @Field(() => String) token!: string;
  @Field(() => User) user!: User;
}

@Resolver()
export class AuthResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in user, or null.' })
  me(@Ctx() ctx: RequestContext) {
    if (ctx.authError) {
      // A stale cookie: drop it, and say why (expired, or not valid) rather than a bare null.
      ctx.setSessionCookie?.(null);
      throw ctx.authError;
    }
    return ctx.viewer ? ctx.em.findOne(User, { id: ctx.viewer.id }) : null;
  }

  @Mutation(() => AuthPayload)
  async login(
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: RequestContext,
  ) {
    const result = await login(ctx.em, email, password, ctx.clientAddress);
    ctx.setSessionCookie?.(result.token);
    return result;
  }

  @Mutation(() => Boolean, { description: 'Ends the web session (clears the session cookie).' })
  logout(@Ctx() ctx: RequestContext) {
    ctx.setSessionCookie?.(null);
    return true;
  }
}
