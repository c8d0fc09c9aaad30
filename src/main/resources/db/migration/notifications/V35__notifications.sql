-- Which events tell customers something, through which channels, with which template. One row
-- per event; the kind is what customers choose about on their notification settings.
create table notification_rule (
    event    text primary key,
    kind     text not null,
    template text not null,
    email    boolean not null,
    in_app   boolean not null,
    enabled  boolean not null default true
);
insert into notification_rule (event, kind, template, email, in_app) values
    ('order.placed',                 'ORDER_PLACED',    'orderPlaced',     false, true),
    ('order.shipped',                'ORDER_SHIPPED',   'orderShipped',    true,  true),
    ('delivery.delay_predicted',     'ORDER_DELAYED',   'deliveryDelay',   true,  true),
    ('delivery.exception',           'ORDER_DELAYED',   'deliveryProblem', true,  true),
    ('order.delivered',              'ORDER_DELIVERED', 'orderDelivered',  true,  true),
    ('order.lines_cancelled',        'CHANGE_APPROVED', 'linesCancelled',  true,  true),
    ('order.address_changed',        'CHANGE_APPROVED', 'addressChanged',  true,  true),
    ('order.return_approved',        'CHANGE_APPROVED', 'returnApproved',  true,  true),
    ('order.change_rejected',        'CHANGE_REJECTED', 'changeRejected',  true,  true),
    ('order.return_rejected',        'CHANGE_REJECTED', 'changeRejected',  true,  true),
    ('order.address_change_refused', 'CHANGE_REJECTED', 'addressRefused',  true,  true),
    ('order.return_received',        'RETURN_RECEIVED', 'returnReceived',  true,  true),
    ('order.refund_due',             'REFUND_SENT',     'refundDue',       true,  true);

-- What was told to whom through which channel: the in-app inbox, and the record that makes
-- delivery idempotent (one row per event, recipient and channel, whatever is replayed).
create table notification (
    id           uuid primary key,
    event_key    text not null,
    account      uuid,
    email        text,
    channel      text not null check (channel in ('EMAIL', 'IN_APP')),
    kind         text not null,
    title        text not null,
    body         text not null,
    link         text not null,
    created_at   timestamp with time zone not null,
    read_at      timestamp with time zone,
    in_digest    boolean not null default false,
    mail_message uuid,
    check (account is not null or email is not null)
);
create unique index notification_once_idx on notification (event_key, coalesce(account::text, email), channel);
create index notification_inbox_idx on notification (account, created_at desc) where channel = 'IN_APP';
create index notification_digest_idx on notification (account) where in_digest and mail_message is null;

-- A customer's choices per kind; no row means the rule's channels.
create table notification_preference (
    account uuid not null,
    kind    text not null,
    email   boolean not null,
    in_app  boolean not null,
    primary key (account, kind)
);

create table notification_setting (
    account        uuid primary key,
    daily_digest   boolean not null default false,
    quiet_from     time,
    quiet_until    time,
    last_digest_at timestamp with time zone
);

-- Guests (no account) who unsubscribed from a kind, by address.
create table mail_suppression (
    email      text not null,
    kind       text not null,
    created_at timestamp with time zone not null,
    primary key (email, kind)
);

-- The outbox learns HTML, the unsubscribe address, and refusals.
alter table mail_message add column html text;
alter table mail_message add column unsubscribe_url text;
alter table mail_message drop constraint mail_message_status_check;
alter table mail_message add constraint mail_message_status_check
    check (status in ('KEPT', 'PENDING', 'SENT', 'FAILED', 'BOUNCED'));

create table mail_bounce (
    id           uuid primary key,
    email        text not null,
    mail_message uuid not null references mail_message,
    reason       text not null,
    created_at   timestamp with time zone not null
);
create index mail_bounce_email_idx on mail_bounce (lower(email));
