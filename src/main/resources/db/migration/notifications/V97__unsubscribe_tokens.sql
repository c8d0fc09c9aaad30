-- Unsubscribe links carry a 256-bit random token, kept here only as its SHA-256 hash.
alter table notification add column unsubscribe_hash bytea;
create unique index notification_unsubscribe_hash on notification (unsubscribe_hash);
-- The mails sent before named their notification's id: those links keep working, and no
-- notification written from now on can be unsubscribed by its id.
alter table notification add column unsubscribe_by_id boolean not null default false;
update notification set unsubscribe_by_id = true where channel = 'EMAIL';
