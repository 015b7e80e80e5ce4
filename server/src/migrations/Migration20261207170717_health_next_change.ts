import { Migration } from '@mikro-orm/migrations';

export class Migration20261207170717_health_next_change extends Migration {

  override name = 'Migration20261207170717_health_next_change';

  override up(): void | Promise<void> {
    this.addSql(`alter table "account_health" add "next_change_at" timestamptz null;`);
    this.addSql(`create index "account_health_next_change_at_idx" on "account_health" ("next_change_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "account_health_next_change_at_idx";`);
    this.addSql(`alter table "account_health" drop column "next_change_at";`);
  }

}
