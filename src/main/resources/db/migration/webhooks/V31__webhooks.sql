-- Outside systems subscribed to integration events. The secret signs every delivery: it
-- is needed as it is to sign, so it cannot be kept hashed. No event types: all of them.
create table webhook_subscription (
    id              uuid primary key,
    name            text not null,
    url             text not null,
    secret          text not null,
    event_types     text not null default '',
    contact_email   text not null,
    enabled         boolean not null default true,
    disabled_reason text,
    disabled_at     timestamp with time zone,
    created_at      timestamp with time zone not null,
    created_by      text not null
);

-- One event for one subscriber. The payload is kept as the exact text that is signed and
-- sent (jsonb would reorder it), so every attempt sends the same bytes.
create table webhook_delivery (
    id               uuid primary key,
    subscription_id  uuid not null references webhook_subscription (id) on delete cascade,
    event_id         uuid not null,
    event_type       text not null,
    subject          text not null,
    payload          text not null,
    status           text not null check (status in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts         int not null default 0,
    first_attempt_at timestamp with time zone,
    next_attempt_at  timestamp with time zone not null,
    last_status_code int,
    delivered_at     timestamp with time zone,
    created_at       timestamp with time zone not null,
    unique (subscription_id, event_id)
);

-- the sender's question: which deliveries are due
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
-- the log page's: a subscriber's deliveries, newest first
create index webhook_delivery_log on webhook_delivery (subscription_id, created_at desc);

create table webhook_attempt (
    id           bigint generated always as identity primary key,
    delivery_id  uuid not null references webhook_delivery (id) on delete cascade,
    attempted_at timestamp with time zone not null,
    status_code  int,
    error        text,
    duration_ms  bigint not null
);

create index webhook_attempt_of_delivery on webhook_attempt (delivery_id, attempted_at);
