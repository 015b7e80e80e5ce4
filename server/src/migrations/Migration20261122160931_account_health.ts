import { Migration } from '@mikro-orm/migrations';

export class Migration20261122160931_account_health extends Migration {

  override name = 'Migration20261122160931_account_health';

  override up(): void | Promise<void> {
    this.addSql(`create table "account_health" ("account_id" uuid not null, "score" smallint not null, "band" text not null, "trend30d" smallint null, "renewal_risk" text not null, "explanation" jsonb not null, "computed_at" timestamptz not null, primary key ("account_id"));`);

    this.addSql(`alter table "account_health" add constraint "account_health_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "account_health" add constraint "account_health_band_check" check ("band" in ('HEALTHY', 'WATCH', 'AT_RISK'));`);
    this.addSql(`alter table "account_health" add constraint "account_health_renewal_risk_check" check ("renewal_risk" in ('LOW', 'MEDIUM', 'HIGH'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "account_health" cascade;`);
  }

}
