import { Migration } from '@mikro-orm/migrations';

export class Migration20261207102033_account_plan_editing extends Migration {

  override name = 'Migration20261207102033_account_plan_editing';

  override up(): void | Promise<void> {
    this.addSql(`alter table "account_plans" add "opportunity_enhancement_ids" uuid[] not null default '{}', add "people_met_contact_ids" uuid[] not null default '{}', add "notes" text not null default '', add "updated_at" timestamptz null, add "updated_by_id" uuid null, add "version" int not null default 1;`);
    this.addSql(`alter table "account_plans" add constraint "account_plans_updated_by_id_foreign" foreign key ("updated_by_id") references "users" ("id") on delete set null;`);

    this.addSql(`alter table "plan_reviews" add "goals_evidence" text null, add "people_met" text null, add "next_opportunities" text null, add "recorded_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "account_plans" drop constraint "account_plans_updated_by_id_foreign";`);

    this.addSql(`alter table "account_plans" drop column "opportunity_enhancement_ids", drop column "people_met_contact_ids", drop column "notes", drop column "updated_at", drop column "updated_by_id", drop column "version";`);

    this.addSql(`alter table "plan_reviews" drop column "goals_evidence", drop column "people_met", drop column "next_opportunities", drop column "recorded_at";`);
  }

}
