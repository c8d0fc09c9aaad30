-- Least privilege (docs/security.md, gap G29): when CONCIERGE_DATABASE_RUNTIME_ROLE names a
-- role, the application can run as it while Flyway migrates as the schema's owner
-- (SPRING_FLYWAY_USER, SPRING_FLYWAY_PASSWORD). After every migration the role may read and
-- write rows and use the sequences, nothing more: it owns nothing, so it cannot create, alter
-- or drop a table, nor the audit trail's append-only triggers; of the audit trail it may only
-- read and add, and change only the personal fields an erasure pseudonymises (the trigger
-- allows no other change); of Flyway's history only read. Run as the owner on each start, so tables added
-- by later migrations are granted too. Without the setting this does nothing.
do $grants$
declare
    runtime text := '${runtime_role}';
begin
    if runtime = '' then
        return;
    end if;
    if runtime = current_user then
        raise exception 'the runtime role % must not be the role that migrates (the owner)', runtime;
    end if;
    execute format('grant usage on schema %I to %I', current_schema(), runtime);
    execute format('grant select, insert, update, delete on all tables in schema %I to %I', current_schema(), runtime);
    execute format('grant usage, select, update on all sequences in schema %I to %I', current_schema(), runtime);
    execute format('revoke update, delete, truncate on audit_entry from %I', runtime);
    execute format('grant update (actor, origin, subject, salt) on audit_entry to %I', runtime);
    execute format('revoke insert, update, delete, truncate on %I from %I', '${flyway:table}', runtime);
end
$grants$;
