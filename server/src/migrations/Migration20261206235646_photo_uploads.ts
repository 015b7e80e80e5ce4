import { Migration } from '@mikro-orm/migrations';

export class Migration20261206235646_photo_uploads extends Migration {

  override name = 'Migration20261206235646_photo_uploads';

  override up(): void | Promise<void> {
    this.addSql(`alter table "photos" drop constraint "photos_exactly_one_owner";`);
    // Rows from before uploads existed (demo rows without files) get a nominal size, then the columns are required.
    this.addSql(`alter table "photos" add "width" int null, add "height" int null, add "distance_from_property_meters" double precision null, add "attached_at" timestamptz null;`);
    this.addSql(`update "photos" set "width" = 1600, "height" = 1200, "attached_at" = "created_at";`);
    this.addSql(`alter table "photos" alter column "width" set not null, alter column "height" set not null;`);
    this.addSql(`alter table "photos" alter column "kind" drop not null;`);
    this.addSql(`create index "photos_created_at_index" on "photos" ("created_at");`);
    this.addSql(`alter table "photos" add constraint "photos_dimensions_positive" check (width > 0 and height > 0);`);
    this.addSql(`alter table "photos" add constraint "photos_kind_when_attached" check ((kind is null) = (issue_id is null and enhancement_id is null));`);
    this.addSql(`alter table "photos" add constraint "photos_at_most_one_owner" check (num_nonnulls(issue_id, enhancement_id) <= 1);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "photos_created_at_index";`);
    this.addSql(`alter table "photos" drop constraint "photos_dimensions_positive";`);
    this.addSql(`alter table "photos" drop constraint "photos_kind_when_attached";`);
    this.addSql(`alter table "photos" drop constraint "photos_at_most_one_owner";`);
    this.addSql(`alter table "photos" drop column "width", drop column "height", drop column "distance_from_property_meters", drop column "attached_at";`);
    this.addSql(`alter table "photos" alter column "kind" set not null;`);
    this.addSql(`alter table "photos" add constraint "photos_exactly_one_owner" check (num_nonnulls(issue_id, enhancement_id) = 1);`);
  }

}
