-- Channels an administrator made on /admin/intake-channels, beside those in configuration
-- (which keep their keys). The secret signs the channel's submissions: it is needed as
-- it is to check a signature, so it cannot be kept hashed.
create table intake_channel (
    key           text primary key check (key ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
    format        text not null,
    secret        text not null,
    organisation_id uuid,
    priority      int not null,
    max_backlog   int not null,
    rules         text not null default '',
    currencies    text not null default '',
    max_total     numeric(19, 4),
    max_quantity  int not null,
    credit_limit  numeric(19, 4),
    created_at    timestamp with time zone not null,
    created_by    text not null,
    updated_at    timestamp with time zone not null,
    updated_by    text not null
);
