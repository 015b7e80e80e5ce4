import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { Account } from '../accounts/index.js';
import { CustomerReportInput, EmailCustomerReportInput, ShareCustomerReportInput } from './customer-report.inputs.js';
import { CustomerReportService } from './customer-report.service.js';
import {
  CustomerReport,
  CustomerReportDraft,
  CustomerReportEmail,
  CustomerReportShare,
} from './customer-report.types.js';
import { ReportShareService } from './report-share.service.js';

@Resolver(() => CustomerReport)
export class CustomerReportResolver {
  @Query(() => CustomerReport, {
    description: 'The customer value report of an account (account managers: their own; ops and executives: any).',
  })
  customerReport(
    @Arg('input', () => CustomerReportInput) input: CustomerReportInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CustomerReport> {
    return ctx.service(CustomerReportService).build(input);
  }

  @Mutation(() => CustomerReportShare, {
    description: 'A link to the report for the customer’s contacts: no sign-in, read-only, expiring, revocable.',
  })
  shareCustomerReport(
    @Arg('input', () => ShareCustomerReportInput) input: ShareCustomerReportInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CustomerReportShare> {
    return ctx.service(ReportShareService).share(input);
  }

  @Mutation(() => CustomerReportEmail, {
    description: 'Shares the report by link and emails it, with its PDF, to the account’s contacts (needs SMTP_URL).',
  })
  emailCustomerReport(
    @Arg('input', () => EmailCustomerReportInput) input: EmailCustomerReportInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CustomerReportEmail> {
    return ctx.service(ReportShareService).email(input);
  }

  @Query(() => [CustomerReportDraft], {
    description:
      "Last month's reports of the accounts you manage (ops and executives: every account), ready to review and send.",
  })
  customerReportDrafts(@Ctx() ctx: RequestContext): Promise<CustomerReportDraft[]> {
    return ctx.service(ReportShareService).drafts();
  }

  @Mutation(() => CustomerReportShare, {
    description: 'Withdraws a shared report link: it answers “withdrawn” from now on.',
  })
  revokeCustomerReportShare(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<CustomerReportShare> {
    return ctx.service(ReportShareService).revoke(id);
  }
}

@Resolver(() => Account)
export class AccountReportSharesResolver {
  @FieldResolver(() => [CustomerReportShare], {
    description: 'Customer reports shared by link, newest first (empty for roles that cannot read reports).',
  })
  reportShares(@Root() account: Account, @Ctx() ctx: RequestContext): Promise<CustomerReportShare[]> {
    return ctx.service(ReportShareService).ofAccount(account.id, account.accountManager.id);
  }
}
