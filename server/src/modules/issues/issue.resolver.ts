import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { connectionTypes } from '../../platform/graphql/connection.types.js';
import { Account } from '../accounts/index.js';
import { Photo } from '../photos/index.js';
import { Issue, IssueStatusEnum } from './issue.entity.js';
import { IssueActivity } from './issue-activity.entity.js';
import {
  AddIssueEvidenceInput,
  AssignIssueInput,
  CreateIssueInput,
  CreateIssuePayload,
  IssueFilter,
  MoveIssueInput,
  UpdateIssueStatusInput,
} from './issue.inputs.js';
import { IssueService } from './issue.service.js';

export const IssueConnection = connectionTypes(Issue, 'Issue');

@ArgsType()
class IssuesArgs {
  @Field(() => IssueFilter, { nullable: true }) filter?: IssueFilter | null;
  @Field(() => Int, { nullable: true }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}

@Resolver(() => Issue)
export class IssueResolver {
  @Query(() => Issue, { nullable: true })
  issue(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.service(IssueService).get(id);
  }

  @Query(() => IssueConnection)
  issues(@Args(() => IssuesArgs) args: IssuesArgs, @Ctx() ctx: RequestContext) {
    return ctx.service(IssueService).list(args.filter, args);
  }

  @FieldResolver(() => Boolean, { description: 'Past its due date and not resolved.' })
  overdue(@Root() issue: Issue, @Ctx() ctx: RequestContext) {
    return ctx.service(IssueService).isOverdue(issue);
  }

  @FieldResolver(() => [IssueActivity], { description: 'What happened to it, oldest first.' })
  history(@Root() issue: Issue, @Ctx() ctx: RequestContext) {
    return ctx.service(IssueService).history(issue.id);
  }

  @FieldResolver(() => [IssueStatusEnum], {
    description: 'Statuses your role may move it to from here (the lifecycle and your role; assignIssue is separate).',
  })
  allowedStatuses(@Root() issue: Issue, @Ctx() ctx: RequestContext) {
    return ctx.service(IssueService).allowedStatuses(issue);
  }

  @FieldResolver(() => [Photo])
  photos(@Root() issue: Issue, @Ctx() ctx: RequestContext) {
    return ctx.service(IssueService).photos(issue.id);
  }

  @Mutation(() => CreateIssuePayload)
  createIssue(@Arg('input', () => CreateIssueInput) input: CreateIssueInput, @Ctx() ctx: RequestContext) {
    return ctx.service(IssueService).create(input);
  }

  @Mutation(() => Issue, {
    description: 'Adds photos (BEFORE) and a note to an open Issue already reported, instead of a duplicate.',
  })
  addIssueEvidence(
    @Arg('input', () => AddIssueEvidenceInput) input: AddIssueEvidenceInput,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.service(IssueService).addEvidence(input);
  }

  @Mutation(() => Issue)
  assignIssue(@Arg('input', () => AssignIssueInput) input: AssignIssueInput, @Ctx() ctx: RequestContext) {
    return ctx.service(IssueService).assign(input);
  }

  @Mutation(() => Issue)
  moveIssue(@Arg('input', () => MoveIssueInput) input: MoveIssueInput, @Ctx() ctx: RequestContext) {
    return ctx.service(IssueService).move(input);
  }

  @Mutation(() => Issue)
  updateIssueStatus(
    @Arg('input', () => UpdateIssueStatusInput) input: UpdateIssueStatusInput,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.service(IssueService).updateStatus(input);
  }
}

/** The issues module's contribution to the Account type. */
@Resolver(() => Account)
export class AccountIssuesResolver {
  @FieldResolver(() => IssueConnection)
  issues(@Root() account: Account, @Args(() => IssuesArgs) args: IssuesArgs, @Ctx() ctx: RequestContext) {
    return ctx.service(IssueService).ofAccount(account.id, args.filter, args);
  }
}
