import { Migration } from '@mikro-orm/migrations';

export class Migration20261207200711_ops_event_outbox extends Migration {

  override name = 'Migration20261207200711_ops_event_outbox';

  override up(): void | Promise<void> {
    this.addSql(`create table "ops_event_outbox" ("id" bigserial primary key, "type" varchar(60) not null, "entity_type" varchar(40) not null, "entity_id" uuid not null, "account_id" uuid null, "property_id" uuid null, "actor_id" uuid null, "payload" jsonb not null);`);

    // Publishes each queued event as the last work of its transaction's COMMIT (deferred, in queue order): the
    // counter row is taken here, so it is held only for the commit itself (see ops-event.service.ts).
    this.addSql(`create function ops_event_publish() returns trigger language plpgsql as $$
      declare
        next_seq bigint;
      begin
        insert into ops_event_counter (id, value) values (1, 1)
          on conflict (id) do update set value = ops_event_counter.value + 1
          returning value into next_seq;
        insert into ops_events (seq, type, entity_type, entity_id, account_id, property_id, actor_id, at, payload)
          values (next_seq, new.type, new.entity_type, new.entity_id, new.account_id, new.property_id, new.actor_id,
            clock_timestamp(), new.payload);
        delete from ops_event_outbox where id = new.id;
        perform pg_notify('ops_event', next_seq::text);
        return null;
      end
      $$;`);

    this.addSql(`create constraint trigger ops_event_outbox_publish after insert on ops_event_outbox
    deferrable initially deferred for each row execute function ops_event_publish();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "ops_event_outbox_publish" on "ops_event_outbox";`);
    this.addSql(`drop table if exists "ops_event_outbox" cascade;`);
    this.addSql(`drop function if exists ops_event_publish();`);
  }

}
