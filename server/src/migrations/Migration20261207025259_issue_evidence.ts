import { Migration } from '@mikro-orm/migrations';

export class Migration20261207025259_issue_evidence extends Migration {

  override name = 'Migration20261207025259_issue_evidence';

  override up(): void | Promise<void> {
    this.addSql(`alter table "issue_activities" drop constraint "issue_activities_kind_check";`);
    this.addSql(`alter table "issue_activities" add "photo_count" smallint null, add "site_walk_id" uuid null;`);
    this.addSql(`alter table "issue_activities" add constraint "issue_activities_site_walk_id_foreign" foreign key ("site_walk_id") references "site_walks" ("id") on delete set null;`);
    this.addSql(`alter table "issue_activities" add constraint "issue_activities_kind_check" check ("kind" in ('CREATED', 'ASSIGNED', 'STATUS_CHANGED', 'MOVED', 'EVIDENCE_ADDED'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "issue_activities" drop constraint "issue_activities_site_walk_id_foreign";`);

    this.addSql(`alter table "issue_activities" drop constraint "issue_activities_kind_check";`);
    this.addSql(`alter table "issue_activities" drop column "photo_count", drop column "site_walk_id";`);
    this.addSql(`alter table "issue_activities" add constraint "issue_activities_kind_check" check ("kind" in ('CREATED', 'ASSIGNED', 'STATUS_CHANGED', 'MOVED'));`);
  }

}
