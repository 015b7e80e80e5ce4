import { Migration } from '@mikro-orm/migrations';

export class Migration20261207062515_report_shares extends Migration {

  override name = 'Migration20261207062515_report_shares';

  override up(): void | Promise<void> {
    this.addSql(`create table "customer_report_shares" ("id" uuid not null, "token_hash" varchar(64) not null, "account_id" uuid not null, "property_id" uuid null, "from_date" date not null, "to_date" date not null, "proof_issue_ids" jsonb not null, "created_by_id" uuid null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "customer_report_shares" add constraint "customer_report_shares_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "customer_report_shares_account_id_index" on "customer_report_shares" ("account_id");`);

    this.addSql(`create table "customer_report_share_views" ("id" uuid not null, "share_id" uuid not null, "at" timestamptz not null, "address" varchar(64) null, "user_agent" varchar(300) null, "kind" varchar(10) not null default 'PAGE', primary key ("id"));`);
    this.addSql(`create index "customer_report_share_views_share_id_index" on "customer_report_share_views" ("share_id");`);

    this.addSql(`alter table "customer_report_shares" add constraint "customer_report_shares_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on delete cascade;`);
    this.addSql(`alter table "customer_report_shares" add constraint "customer_report_shares_property_id_foreign" foreign key ("property_id") references "properties" ("id") on delete cascade;`);
    this.addSql(`alter table "customer_report_shares" add constraint "customer_report_shares_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`);

    this.addSql(`alter table "customer_report_share_views" add constraint "customer_report_share_views_share_id_foreign" foreign key ("share_id") references "customer_report_shares" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "customer_report_share_views" drop constraint "customer_report_share_views_share_id_foreign";`);

    this.addSql(`drop table if exists "customer_report_shares" cascade;`);
    this.addSql(`drop table if exists "customer_report_share_views" cascade;`);
  }

}
