import { Migration } from '@mikro-orm/migrations';

export class Migration20261207224722_ops_event_notify_payload extends Migration {

  override name = 'Migration20261207224722_ops_event_notify_payload';

  // The notification carries the event itself, as the reader would read it (the account's manager at commit
  // included), so a reader that has everything before it delivers it without reading the log back; an event
  // too large for a notification (8,000 bytes) still sends only its seq, and the reader reads it.
  override up(): void | Promise<void> {
    this.addSql(`create or replace function ops_event_publish() returns trigger language plpgsql as $$
      declare
        next_seq bigint;
        manager uuid;
        logged_at timestamptz;
        notice text;
      begin
        -- Read before the counter is taken: the counter is held for as little of the commit as can be.
        select a.account_manager_id into manager from accounts a where a.id = new.account_id;
        insert into ops_event_counter (id, value) values (1, 1)
          on conflict (id) do update set value = ops_event_counter.value + 1
          returning value into next_seq;
        logged_at := clock_timestamp();
        insert into ops_events (seq, type, entity_type, entity_id, account_id, property_id, actor_id, at, payload)
          values (next_seq, new.type, new.entity_type, new.entity_id, new.account_id, new.property_id, new.actor_id,
            logged_at, new.payload);
        delete from ops_event_outbox where id = new.id;
        notice := json_build_object('seq', next_seq::text, 'type', new.type, 'entity_type', new.entity_type,
          'entity_id', new.entity_id, 'account_id', new.account_id, 'account_manager_id', manager,
          'property_id', new.property_id, 'actor_id', new.actor_id, 'at', logged_at, 'payload', new.payload)::text;
        if octet_length(notice) >= 8000 then
          notice := next_seq::text;
        end if;
        perform pg_notify('ops_event', notice);
        return null;
      end
      $$;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`create or replace function ops_event_publish() returns trigger language plpgsql as $$
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
  }

}
