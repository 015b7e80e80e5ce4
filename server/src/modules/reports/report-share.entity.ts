import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt, Rel } from '@mikro-orm/core';
import { Account } from '../accounts/index.js';
import { ClientProperty } from '../properties/index.js';
import { User } from '../users/index.js';

/**
 * A customer report shared by link: the account (or property), the period
 * fixed when it was shared, the chosen before/after pairs, and until when the
 * link works. Only the token's SHA-256 is kept: the link is shown once.
 */
@Entity({ tableName: 'customer_report_shares' })
export class CustomerReportShareRecord {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 64, unique: true })
  tokenHash!: string;

  @ManyToOne(() => Account, { deleteRule: 'cascade', index: true })
  account!: Rel<Account>;

  @ManyToOne(() => ClientProperty, { deleteRule: 'cascade', nullable: true })
  property: Rel<ClientProperty> | null = null;

  @Property({ type: 'date' })
  fromDate!: string;

  @Property({ type: 'date' })
  toDate!: string;

  /** The Issues whose before/after pairs the report shows. */
  @Property({ type: 'json' })
  proofIssueIds!: string[];

  @ManyToOne(() => User, { deleteRule: 'set null', nullable: true })
  createdBy: Rel<User> | null = null;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;
}

/** One opening of a shared report: when, and who as far as the request tells (address, browser). */
@Entity({ tableName: 'customer_report_share_views' })
export class CustomerReportShareView {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => CustomerReportShareRecord, { deleteRule: 'cascade', index: true })
  share!: Rel<CustomerReportShareRecord>;

  @Property({ type: 'datetime' })
  at!: Date;

  @Property({ type: 'string', length: 64, nullable: true })
  address: string | null = null;

  @Property({ type: 'string', length: 300, nullable: true })
  userAgent: string | null = null;

  @Property({ type: 'string', length: 10, default: 'PAGE' })
  kind: string & Opt = 'PAGE';
}
