-- Every submission exactly as it came, stored before the sender hears "accepted", and the
-- queue the workers take it from (FOR UPDATE SKIP LOCKED). A submission ends ACCEPTED with
-- its order, HELD for review by a rule, REJECTED (it cannot become an order: the reason
-- says why) or DEAD (it kept failing); the last two are the dead letters, which operations
-- replay or discard.
create table intake_submission (
    id                 uuid primary key,
    channel_key        text not null,
    format             text not null,
    organisation_id    uuid,
    delivery_id        text,
    external_reference text not null,
    payload            bytea not null,
    received_at        timestamp with time zone not null,
    priority           int not null,
    order_total        numeric(19, 4) not null,
    currency           text not null,
    state              text not null
        check (state in ('RECEIVED', 'ACCEPTED', 'HELD', 'REJECTED', 'DEAD', 'DISCARDED')),
    attempts           int not null default 0,
    next_attempt_at    timestamp with time zone not null,
    order_number       text,
    reason_code        text,
    reason             text,
    warnings           text,
    processed_at       timestamp with time zone,
    handled_by         text,
    handled_at         timestamp with time zone
);

-- a resend is recognised by the channel's delivery id or by the order's own id
create unique index intake_submission_delivery_idx on intake_submission (channel_key, delivery_id)
    where delivery_id is not null;
create unique index intake_submission_reference_idx on intake_submission (channel_key, external_reference);
create index intake_submission_queue_idx on intake_submission (priority desc, received_at)
    where state = 'RECEIVED';
create index intake_submission_backlog_idx on intake_submission (channel_key) where state = 'RECEIVED';
create index intake_submission_attention_idx on intake_submission (state, order_total desc)
    where state in ('HELD', 'REJECTED', 'DEAD');
