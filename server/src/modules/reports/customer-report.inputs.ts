import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({
  description: 'Which customer report: an account (or one of its properties) and a period of company days.',
})
export class CustomerReportInput {
  @Field(() => ID) accountId!: string;
  @Field(() => ID, { nullable: true, description: 'One property of the account; all of them when absent.' })
  propertyId?: string | null;
  @Field(() => String, { nullable: true, description: 'First day, YYYY-MM-DD; default the first day of last month.' })
  from?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Last day (included), YYYY-MM-DD; default the last day of last month.',
  })
  to?: string | null;
  @Field(() => [ID], {
    nullable: true,
    description:
      "The before/after pairs to show, by Issue id (the account manager's pick); default the most telling six.",
  })
  proofIssueIds?: string[] | null;
}

@InputType({
  description: 'Share a customer report by link: the report as CustomerReportInput chooses it, frozen now.',
})
export class ShareCustomerReportInput extends CustomerReportInput {
  @Field(() => Int, { nullable: true, description: 'Days the link works (1–365); default REPORT_SHARE_DAYS (30).' })
  expiresInDays?: number | null;
}

@InputType({
  description: 'Email a customer report: shared by link as ShareCustomerReportInput says, sent with its PDF.',
})
export class EmailCustomerReportInput extends ShareCustomerReportInput {
  @Field(() => [String], {
    nullable: true,
    description: 'Contacts of the account to send to, by email; default every contact with an email.',
  })
  recipients?: string[] | null;
}
