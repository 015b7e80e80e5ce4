import { Migration } from '@mikro-orm/migrations';

export class Migration20261122134048_initial extends Migration {
  override name = 'Migration20261122134048_initial';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "ops_events" ("seq" bigint not null, "type" varchar(60) not null, "entity_type" varchar(40) not null, "entity_id" uuid not null, "account_id" uuid null, "property_id" uuid null, "actor_id" uuid null, "at" timestamptz not null default now(), "payload" jsonb not null, primary key ("seq"));`,
    );
    this.addSql(`create index "ops_events_account_id_seq_index" on "ops_events" ("account_id", "seq");`);
    this.addSql(`create index "ops_events_at_index" on "ops_events" ("at");`);

    this.addSql(
      `create table "ops_event_counter" ("id" smallint not null, "value" bigint not null, primary key ("id"));`,
    );

    this.addSql(
      `create table "service_lines" ("id" uuid not null, "code" varchar(40) not null, "name" varchar(100) not null, primary key ("id"));`,
    );
    this.addSql(`alter table "service_lines" add constraint "service_lines_code_unique" unique ("code");`);

    this.addSql(
      `create table "category_routes" ("category" text not null, "service_line_id" uuid not null, primary key ("category"));`,
    );

    this.addSql(
      `create table "users" ("id" uuid not null, "email" varchar(254) not null, "name" varchar(200) not null, "role" text not null, "password_hash" varchar(255) null, "crew_id" uuid null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create unique index "users_email_lower_uniq" on "users" (lower("email"));`);

    this.addSql(
      `create table "crews" ("id" uuid not null, "name" varchar(100) not null, "service_line_id" uuid not null, "lead_id" uuid null, "color" varchar(7) not null, primary key ("id"));`,
    );
    this.addSql(`alter table "crews" add constraint "crews_name_unique" unique ("name");`);

    this.addSql(
      `create table "accounts" ("id" uuid not null, "name" varchar(200) not null, "segment" varchar(60) not null, "account_manager_id" uuid not null, "annual_value" int not null, "contract_start" date not null, "renewal_date" date not null, "tier" text not null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "accounts_account_manager_id_index" on "accounts" ("account_manager_id");`);
    this.addSql(`create index "accounts_renewal_date_index" on "accounts" ("renewal_date");`);
    this.addSql(`create index "accounts_name_lower_idx" on "accounts" (lower("name"), "id");`);

    this.addSql(
      `create table "health_snapshots" ("id" uuid not null, "account_id" uuid not null, "date" date not null, "score" smallint not null, "band" text not null, "factors" jsonb not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "health_snapshots" add constraint "health_snapshots_account_id_date_unique" unique ("account_id", "date");`,
    );

    this.addSql(
      `create table "contacts" ("id" uuid not null, "account_id" uuid not null, "name" varchar(200) not null, "title" varchar(200) null, "email" varchar(254) null, "phone" varchar(40) null, "is_primary" boolean not null default false, primary key ("id"));`,
    );
    this.addSql(`create index "contacts_account_id_index" on "contacts" ("account_id");`);

    this.addSql(
      `create table "properties" ("id" uuid not null, "account_id" uuid not null, "name" varchar(200) not null, "address" varchar(300) not null, "boundary" geometry(MultiPolygon,4326) not null, "centroid" geometry(Point,4326) generated always as (ST_PointOnSurface(boundary)) stored not null, "area_sqm" double precision generated always as (ST_Area(boundary::geography)) stored not null, primary key ("id"));`,
    );
    this.addSql(`create index "properties_account_id_index" on "properties" ("account_id");`);
    this.addSql(`create index "properties_centroid_gist" on "properties" using gist ("centroid");`);
    this.addSql(`create index "properties_boundary_gist" on "properties" using gist ("boundary");`);

    this.addSql(
      `create table "site_walks" ("id" uuid not null, "property_id" uuid not null, "account_id" uuid not null, "walked_by_id" uuid not null, "started_at" timestamptz not null, "completed_at" timestamptz null, "notes" text null, "customer_attended" boolean null, "relationship_pulse" smallint null, primary key ("id"));`,
    );
    this.addSql(`create index "site_walks_property_id_index" on "site_walks" ("property_id");`);
    this.addSql(`create index "site_walks_account_id_started_at_index" on "site_walks" ("account_id", "started_at");`);

    this.addSql(
      `create table "service_schedules" ("id" uuid not null, "property_id" uuid not null, "service_line_id" uuid not null, "crew_id" uuid not null, "weekday" smallint not null, "cadence" text not null, "anchor_date" date not null, primary key ("id"));`,
    );
    this.addSql(`create index "service_schedules_crew_id_index" on "service_schedules" ("crew_id");`);
    this.addSql(
      `alter table "service_schedules" add constraint "service_schedules_property_id_service_line_id_crew_id_unique" unique ("property_id", "service_line_id", "crew_id");`,
    );

    this.addSql(
      `create table "issues" ("id" uuid not null, "property_id" uuid not null, "account_id" uuid not null, "site_walk_id" uuid null, "location" geometry(Point,4326) not null, "title" varchar(140) not null, "description" text not null default '', "category" text not null, "service_line_id" uuid null, "urgency" text not null, "status" text not null, "crew_id" uuid null, "due_at" timestamptz null, "source" text not null, "reopen_count" smallint not null default 0, "created_by_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "assigned_at" timestamptz null, "resolved_at" timestamptz null, "verified_at" timestamptz null, "version" int not null default 1, primary key ("id"));`,
    );
    this.addSql(`create index "issues_property_id_index" on "issues" ("property_id");`);
    this.addSql(`create index "issues_site_walk_id_index" on "issues" ("site_walk_id");`);
    this.addSql(`create index "issues_created_id_idx" on "issues" ("created_at" desc, "id" desc);`);
    this.addSql(
      `create index "issues_due_open_idx" on "issues" ("due_at") where status in ('OPEN', 'ASSIGNED', 'IN_PROGRESS');`,
    );
    this.addSql(`create index "issues_crew_status_idx" on "issues" ("crew_id", "status");`);
    this.addSql(
      `create index "issues_property_category_open_idx" on "issues" ("property_id", "category") where status in ('OPEN', 'ASSIGNED', 'IN_PROGRESS');`,
    );
    this.addSql(`create index "issues_account_status_idx" on "issues" ("account_id", "status");`);
    this.addSql(
      `create index "issues_open_location_gist" on "issues" using gist ("location") where status in ('OPEN', 'ASSIGNED', 'IN_PROGRESS');`,
    );
    this.addSql(`create index "issues_location_gist" on "issues" using gist ("location");`);

    this.addSql(
      `create table "issue_activities" ("id" uuid not null, "issue_id" uuid not null, "kind" text not null, "from_status" text null, "to_status" text null, "crew_id" uuid null, "location" geometry(Point,4326) null, "note" text null, "actor_id" uuid null, "at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "issue_activities_issue_id_at_index" on "issue_activities" ("issue_id", "at");`);

    this.addSql(
      `create table "enhancements" ("id" uuid not null, "property_id" uuid not null, "account_id" uuid not null, "site_walk_id" uuid null, "location" geometry(Point,4326) not null, "title" varchar(140) not null, "description" text not null default '', "service_line_id" uuid null, "stage" text not null default 'IDENTIFIED', "customer_interest" boolean not null default false, "budget_confirmed" boolean not null default false, "estimated_value" int null, "proposal_value" int null, "created_by_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "approved_at" timestamptz null, "version" int not null default 1, primary key ("id"));`,
    );
    this.addSql(`create index "enhancements_property_id_index" on "enhancements" ("property_id");`);
    this.addSql(`create index "enhancements_site_walk_id_index" on "enhancements" ("site_walk_id");`);
    this.addSql(`create index "enhancements_created_id_idx" on "enhancements" ("created_at" desc, "id" desc);`);
    this.addSql(`create index "enhancements_account_stage_idx" on "enhancements" ("account_id", "stage");`);
    this.addSql(`create index "enhancements_location_gist" on "enhancements" using gist ("location");`);

    this.addSql(
      `create table "photos" ("id" uuid not null, "issue_id" uuid null, "enhancement_id" uuid null, "kind" text not null, "file_key" varchar(300) not null, "content_type" varchar(100) not null, "size_bytes" int not null, "taken_at" timestamptz null, "location" geometry(Point,4326) null, "uploaded_by_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "photos_issue_id_index" on "photos" ("issue_id");`);
    this.addSql(`create index "photos_enhancement_id_index" on "photos" ("enhancement_id");`);

    this.addSql(
      `create table "account_plans" ("id" uuid not null, "account_id" uuid not null, "year" smallint not null, "goals" text[] not null default '{}', "opportunities" text[] not null default '{}', primary key ("id"));`,
    );
    this.addSql(
      `alter table "account_plans" add constraint "account_plans_account_id_year_unique" unique ("account_id", "year");`,
    );

    this.addSql(
      `create table "plan_reviews" ("id" uuid not null, "plan_id" uuid not null, "kind" text not null, "date" date not null, "notes" text not null default '', "reviewer_id" uuid not null, primary key ("id"));`,
    );
    this.addSql(`create index "plan_reviews_plan_id_index" on "plan_reviews" ("plan_id");`);

    this.addSql(
      `alter table "category_routes" add constraint "category_routes_service_line_id_foreign" foreign key ("service_line_id") references "service_lines" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "category_routes" add constraint "category_routes_category_check" check ("category" in ('IRRIGATION_LEAK', 'IRRIGATION_COVERAGE', 'TURF_DAMAGE', 'WEEDS', 'LITTER', 'PLANT_HEALTH', 'PEST', 'TREE_HAZARD', 'TREE_PRUNING', 'DRAINAGE', 'HARDSCAPE', 'SNOW_ICE', 'SAFETY', 'OTHER'));`,
    );

    this.addSql(
      `alter table "users" add constraint "users_crew_id_foreign" foreign key ("crew_id") references "crews" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "users" add constraint "users_role_check" check ("role" in ('EXECUTIVE', 'OPS_MANAGER', 'ACCOUNT_MANAGER', 'CREW_LEAD'));`,
    );

    this.addSql(
      `alter table "crews" add constraint "crews_service_line_id_foreign" foreign key ("service_line_id") references "service_lines" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "crews" add constraint "crews_lead_id_foreign" foreign key ("lead_id") references "users" ("id") on delete set null;`,
    );
    this.addSql(`alter table "crews" add constraint "crews_color_hex" check (color ~ '^#[0-9a-fA-F]{6}\$');`);

    this.addSql(
      `alter table "accounts" add constraint "accounts_account_manager_id_foreign" foreign key ("account_manager_id") references "users" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "accounts" add constraint "accounts_renewal_after_start" check (renewal_date > contract_start);`,
    );
    this.addSql(
      `alter table "accounts" add constraint "accounts_annual_value_non_negative" check (annual_value >= 0);`,
    );
    this.addSql(`alter table "accounts" add constraint "accounts_tier_check" check ("tier" in ('A', 'B', 'C'));`);

    this.addSql(
      `alter table "health_snapshots" add constraint "health_snapshots_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "health_snapshots" add constraint "health_snapshots_score_range" check (score >= 0 and score <= 100);`,
    );
    this.addSql(
      `alter table "health_snapshots" add constraint "health_snapshots_band_check" check ("band" in ('HEALTHY', 'WATCH', 'AT_RISK'));`,
    );

    this.addSql(
      `alter table "contacts" add constraint "contacts_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "properties" add constraint "properties_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "site_walks" add constraint "site_walks_property_id_foreign" foreign key ("property_id") references "properties" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "site_walks" add constraint "site_walks_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "site_walks" add constraint "site_walks_walked_by_id_foreign" foreign key ("walked_by_id") references "users" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "site_walks" add constraint "site_walks_completed_after_start" check (completed_at is null or completed_at >= started_at);`,
    );
    this.addSql(
      `alter table "site_walks" add constraint "site_walks_pulse_range" check (relationship_pulse >= 1 and relationship_pulse <= 5);`,
    );

    this.addSql(
      `alter table "service_schedules" add constraint "service_schedules_property_id_foreign" foreign key ("property_id") references "properties" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "service_schedules" add constraint "service_schedules_service_line_id_foreign" foreign key ("service_line_id") references "service_lines" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "service_schedules" add constraint "service_schedules_crew_id_foreign" foreign key ("crew_id") references "crews" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "service_schedules" add constraint "service_schedules_anchor_weekday" check (extract(isodow from anchor_date) = weekday);`,
    );
    this.addSql(
      `alter table "service_schedules" add constraint "service_schedules_weekday_range" check (weekday >= 1 and weekday <= 7);`,
    );
    this.addSql(
      `alter table "service_schedules" add constraint "service_schedules_cadence_check" check ("cadence" in ('WEEKLY', 'BIWEEKLY', 'MONTHLY'));`,
    );

    this.addSql(
      `alter table "issues" add constraint "issues_property_id_foreign" foreign key ("property_id") references "properties" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "issues" add constraint "issues_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "issues" add constraint "issues_site_walk_id_foreign" foreign key ("site_walk_id") references "site_walks" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "issues" add constraint "issues_service_line_id_foreign" foreign key ("service_line_id") references "service_lines" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "issues" add constraint "issues_crew_id_foreign" foreign key ("crew_id") references "crews" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "issues" add constraint "issues_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "issues" add constraint "issues_assigned_has_crew" check (status = 'OPEN' or crew_id is not null);`,
    );
    this.addSql(`alter table "issues" add constraint "issues_reopen_count_non_negative" check (reopen_count >= 0);`);
    this.addSql(`alter table "issues" add constraint "issues_title_not_blank" check (length(btrim(title)) > 0);`);
    this.addSql(
      `alter table "issues" add constraint "issues_location_range" check (abs(st_x(location))::numeric <= 180 and abs(st_y(location))::numeric <= 90);`,
    );
    this.addSql(
      `alter table "issues" add constraint "issues_category_check" check ("category" in ('IRRIGATION_LEAK', 'IRRIGATION_COVERAGE', 'TURF_DAMAGE', 'WEEDS', 'LITTER', 'PLANT_HEALTH', 'PEST', 'TREE_HAZARD', 'TREE_PRUNING', 'DRAINAGE', 'HARDSCAPE', 'SNOW_ICE', 'SAFETY', 'OTHER'));`,
    );
    this.addSql(
      `alter table "issues" add constraint "issues_urgency_check" check ("urgency" in ('ROUTINE', 'URGENT'));`,
    );
    this.addSql(
      `alter table "issues" add constraint "issues_status_check" check ("status" in ('OPEN', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'VERIFIED'));`,
    );
    this.addSql(
      `alter table "issues" add constraint "issues_source_check" check ("source" in ('SITE_WALK', 'CUSTOMER', 'CREW'));`,
    );

    this.addSql(
      `alter table "issue_activities" add constraint "issue_activities_issue_id_foreign" foreign key ("issue_id") references "issues" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "issue_activities" add constraint "issue_activities_crew_id_foreign" foreign key ("crew_id") references "crews" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "issue_activities" add constraint "issue_activities_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "issue_activities" add constraint "issue_activities_kind_check" check ("kind" in ('CREATED', 'ASSIGNED', 'STATUS_CHANGED', 'MOVED'));`,
    );
    this.addSql(
      `alter table "issue_activities" add constraint "issue_activities_from_status_check" check ("from_status" in ('OPEN', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'VERIFIED'));`,
    );
    this.addSql(
      `alter table "issue_activities" add constraint "issue_activities_to_status_check" check ("to_status" in ('OPEN', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'VERIFIED'));`,
    );

    this.addSql(
      `alter table "enhancements" add constraint "enhancements_property_id_foreign" foreign key ("property_id") references "properties" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "enhancements" add constraint "enhancements_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "enhancements" add constraint "enhancements_site_walk_id_foreign" foreign key ("site_walk_id") references "site_walks" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "enhancements" add constraint "enhancements_service_line_id_foreign" foreign key ("service_line_id") references "service_lines" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "enhancements" add constraint "enhancements_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "enhancements" add constraint "enhancements_qualified_gate" check (stage in ('IDENTIFIED', 'DECLINED') or (customer_interest and budget_confirmed));`,
    );
    this.addSql(
      `alter table "enhancements" add constraint "enhancements_values_non_negative" check ((estimated_value is null or estimated_value >= 0) and (proposal_value is null or proposal_value >= 0));`,
    );
    this.addSql(
      `alter table "enhancements" add constraint "enhancements_title_not_blank" check (length(btrim(title)) > 0);`,
    );
    this.addSql(
      `alter table "enhancements" add constraint "enhancements_location_range" check (abs(st_x(location))::numeric <= 180 and abs(st_y(location))::numeric <= 90);`,
    );
    this.addSql(
      `alter table "enhancements" add constraint "enhancements_stage_check" check ("stage" in ('IDENTIFIED', 'QUALIFIED', 'ESTIMATING', 'PROPOSED', 'APPROVED', 'SCHEDULED', 'COMPLETED', 'DECLINED'));`,
    );

    this.addSql(
      `alter table "photos" add constraint "photos_issue_id_foreign" foreign key ("issue_id") references "issues" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "photos" add constraint "photos_enhancement_id_foreign" foreign key ("enhancement_id") references "enhancements" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "photos" add constraint "photos_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "users" ("id") on delete set null;`,
    );
    this.addSql(`alter table "photos" add constraint "photos_size_positive" check (size_bytes > 0);`);
    this.addSql(
      `alter table "photos" add constraint "photos_exactly_one_owner" check (num_nonnulls(issue_id, enhancement_id) = 1);`,
    );
    this.addSql(`alter table "photos" add constraint "photos_kind_check" check ("kind" in ('BEFORE', 'AFTER'));`);

    this.addSql(
      `alter table "account_plans" add constraint "account_plans_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "account_plans" add constraint "account_plans_year_range" check (year >= 2000 and year <= 2100);`,
    );

    this.addSql(
      `alter table "plan_reviews" add constraint "plan_reviews_plan_id_foreign" foreign key ("plan_id") references "account_plans" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "plan_reviews" add constraint "plan_reviews_reviewer_id_foreign" foreign key ("reviewer_id") references "users" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "plan_reviews" add constraint "plan_reviews_kind_check" check ("kind" in ('MONTHLY_REVIEW', 'QUARTERLY_UPDATE'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "category_routes" drop constraint "category_routes_service_line_id_foreign";`);
    this.addSql(`alter table "crews" drop constraint "crews_service_line_id_foreign";`);
    this.addSql(`alter table "service_schedules" drop constraint "service_schedules_service_line_id_foreign";`);
    this.addSql(`alter table "issues" drop constraint "issues_service_line_id_foreign";`);
    this.addSql(`alter table "enhancements" drop constraint "enhancements_service_line_id_foreign";`);
    this.addSql(`alter table "crews" drop constraint "crews_lead_id_foreign";`);
    this.addSql(`alter table "accounts" drop constraint "accounts_account_manager_id_foreign";`);
    this.addSql(`alter table "site_walks" drop constraint "site_walks_walked_by_id_foreign";`);
    this.addSql(`alter table "issues" drop constraint "issues_created_by_id_foreign";`);
    this.addSql(`alter table "issue_activities" drop constraint "issue_activities_actor_id_foreign";`);
    this.addSql(`alter table "enhancements" drop constraint "enhancements_created_by_id_foreign";`);
    this.addSql(`alter table "photos" drop constraint "photos_uploaded_by_id_foreign";`);
    this.addSql(`alter table "plan_reviews" drop constraint "plan_reviews_reviewer_id_foreign";`);
    this.addSql(`alter table "users" drop constraint "users_crew_id_foreign";`);
    this.addSql(`alter table "service_schedules" drop constraint "service_schedules_crew_id_foreign";`);
    this.addSql(`alter table "issues" drop constraint "issues_crew_id_foreign";`);
    this.addSql(`alter table "issue_activities" drop constraint "issue_activities_crew_id_foreign";`);
    this.addSql(`alter table "health_snapshots" drop constraint "health_snapshots_account_id_foreign";`);
    this.addSql(`alter table "contacts" drop constraint "contacts_account_id_foreign";`);
    this.addSql(`alter table "properties" drop constraint "properties_account_id_foreign";`);
    this.addSql(`alter table "site_walks" drop constraint "site_walks_account_id_foreign";`);
    this.addSql(`alter table "issues" drop constraint "issues_account_id_foreign";`);
    this.addSql(`alter table "enhancements" drop constraint "enhancements_account_id_foreign";`);
    this.addSql(`alter table "account_plans" drop constraint "account_plans_account_id_foreign";`);
    this.addSql(`alter table "site_walks" drop constraint "site_walks_property_id_foreign";`);
    this.addSql(`alter table "service_schedules" drop constraint "service_schedules_property_id_foreign";`);
    this.addSql(`alter table "issues" drop constraint "issues_property_id_foreign";`);
    this.addSql(`alter table "enhancements" drop constraint "enhancements_property_id_foreign";`);
    this.addSql(`alter table "issues" drop constraint "issues_site_walk_id_foreign";`);
    this.addSql(`alter table "enhancements" drop constraint "enhancements_site_walk_id_foreign";`);
    this.addSql(`alter table "issue_activities" drop constraint "issue_activities_issue_id_foreign";`);
    this.addSql(`alter table "photos" drop constraint "photos_issue_id_foreign";`);
    this.addSql(`alter table "photos" drop constraint "photos_enhancement_id_foreign";`);
    this.addSql(`alter table "plan_reviews" drop constraint "plan_reviews_plan_id_foreign";`);

    this.addSql(`drop table if exists "ops_events" cascade;`);
    this.addSql(`drop table if exists "ops_event_counter" cascade;`);
    this.addSql(`drop table if exists "service_lines" cascade;`);
    this.addSql(`drop table if exists "category_routes" cascade;`);
    this.addSql(`drop table if exists "users" cascade;`);
    this.addSql(`drop table if exists "crews" cascade;`);
    this.addSql(`drop table if exists "accounts" cascade;`);
    this.addSql(`drop table if exists "health_snapshots" cascade;`);
    this.addSql(`drop table if exists "contacts" cascade;`);
    this.addSql(`drop table if exists "properties" cascade;`);
    this.addSql(`drop table if exists "site_walks" cascade;`);
    this.addSql(`drop table if exists "service_schedules" cascade;`);
    this.addSql(`drop table if exists "issues" cascade;`);
    this.addSql(`drop table if exists "issue_activities" cascade;`);
    this.addSql(`drop table if exists "enhancements" cascade;`);
    this.addSql(`drop table if exists "photos" cascade;`);
    this.addSql(`drop table if exists "account_plans" cascade;`);
    this.addSql(`drop table if exists "plan_reviews" cascade;`);
  }
}
