import { Migration } from '@mikro-orm/migrations';

export class Migration20261208005431_map_coordinates extends Migration {

  override name = 'Migration20261208005431_map_coordinates';

  override up(): void | Promise<void> {
    this.addSql(`alter table "issues" add "lng" double precision generated always as (st_x(location)) stored not null, add "lat" double precision generated always as (st_y(location)) stored not null, add "merc_y" double precision generated always as (atanh(sin(radians(LEAST(GREATEST(st_y(location), ('-85.0511287798066'::numeric)::double precision), (85.0511287798066)::double precision)))) / ((2)::double precision * pi())) stored not null;`);
    this.addSql(`create index "issues_open_map_idx" on "issues" ("lng", "lat") include ("merc_y", "status", "urgency", "category", "due_at", "account_id", "crew_id", "service_line_id") where status in ('OPEN', 'ASSIGNED', 'IN_PROGRESS');`);

    this.addSql(`alter table "enhancements" add "lng" double precision generated always as (st_x(location)) stored not null, add "lat" double precision generated always as (st_y(location)) stored not null, add "merc_y" double precision generated always as (atanh(sin(radians(LEAST(GREATEST(st_y(location), ('-85.0511287798066'::numeric)::double precision), (85.0511287798066)::double precision)))) / ((2)::double precision * pi())) stored not null;`);
    this.addSql(`create index "enhancements_open_map_idx" on "enhancements" ("lng", "lat") include ("merc_y", "stage", "account_id", "service_line_id") where stage in ('IDENTIFIED', 'QUALIFIED', 'ESTIMATING', 'PROPOSED', 'APPROVED', 'SCHEDULED');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "enhancements_open_map_idx";`);
    this.addSql(`alter table "enhancements" drop column "lng", drop column "lat", drop column "merc_y";`);

    this.addSql(`drop index "issues_open_map_idx";`);
    this.addSql(`alter table "issues" drop column "lng", drop column "lat", drop column "merc_y";`);
  }

}
