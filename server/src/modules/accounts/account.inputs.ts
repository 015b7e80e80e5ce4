import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { SiteWalkTierEnum } from './account.entity.js';
import type { SiteWalkTier } from '@groundwork/shared';

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, { name: 'SortDirection' });

export enum AccountSortField {
  NAME = 'NAME',
  ANNUAL_VALUE = 'ANNUAL_VALUE',
  RENEWAL_DATE = 'RENEWAL_DATE',
}
registerEnumType(AccountSortField, { name: 'AccountSortField' });

@InputType()
export class AccountFilter {
  @Field(() => String, { nullable: true, description: 'Matches the account name, case-insensitively.' })
  search?: string | null;

  @Field(() => ID, { nullable: true })
  accountManagerId?: string | null;

  @Field(() => SiteWalkTierEnum, { nullable: true })
  tier?: SiteWalkTier | null;
}

@InputType()
export class AccountSort {
  @Field(() => AccountSortField)
  field!: AccountSortField;

  @Field(() => SortDirection)
  direction!: SortDirection;
}
