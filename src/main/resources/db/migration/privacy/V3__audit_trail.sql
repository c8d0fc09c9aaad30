-- The audit trail: append-only, each entry chained to the one before by a SHA-256 hash.
create table audit_entry (
    sequence    bigint primary key,
    occurred_at timestamp with time zone not null,
    recorded_at timestamp with time zone not null,
    actor       text not null,
    action      text not null,
    subject     text not null,
    origin      text not null,
    previous_hash char(64) not null,
    hash        char(64) not null unique
);
create index audit_entry_actor_idx on audit_entry (actor);
create index audit_entry_action_idx on audit_entry (action);

create function audit_entry_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the audit trail is append-only: % is not allowed', tg_op;
end
$$;

create trigger audit_entry_no_update_or_delete
    before update or delete on audit_entry
    for each row execute function audit_entry_is_append_only();

create trigger audit_entry_no_truncate
    before truncate on audit_entry
    for each statement execute function audit_entry_is_append_only();
