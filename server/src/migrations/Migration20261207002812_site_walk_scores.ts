import { Migration } from '@mikro-orm/migrations';

export class Migration20261207002812_site_walk_scores extends Migration {

  override name = 'Migration20261207002812_site_walk_scores';

  override up(): void | Promise<void> {
    this.addSql(`create table "site_walk_scores" ("id" uuid not null, "site_walk_id" uuid not null, "area" text not null, "score" smallint not null, "note" text null, primary key ("id"));`);
    this.addSql(`alter table "site_walk_scores" add constraint "site_walk_scores_site_walk_id_area_unique" unique ("site_walk_id", "area");`);


    this.addSql(`alter table "site_walk_scores" add constraint "site_walk_scores_site_walk_id_foreign" foreign key ("site_walk_id") references "site_walks" ("id") on delete cascade;`);
    this.addSql(`alter table "site_walk_scores" add constraint "site_walk_scores_range" check (score >= 1 and score <= 5);`);
    this.addSql(`alter table "site_walk_scores" add constraint "site_walk_scores_area_check" check ("area" in ('TURF', 'SHRUBS_AND_BEDS', 'TREES', 'HARDSCAPE_AND_CLEANLINESS', 'IRRIGATION'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "site_walk_scores" cascade;`);

  }

}
