import { Migration } from '@mikro-orm/migrations';

export class Migration20261206210754_user_disabled_login_failures extends Migration {

  override name = 'Migration20261206210754_user_disabled_login_failures';

  override up(): void | Promise<void> {
    this.addSql(`create table "login_failures" ("key" text not null, "points" int not null default 0, "expire" bigint null, primary key ("key"));`);
    this.addSql(`create index "login_failures_expire_idx" on "login_failures" ("expire");`);

    this.addSql(`alter table "users" add "disabled_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "login_failures" cascade;`);

    this.addSql(`alter table "users" drop column "disabled_at";`);
  }

}
