-- Every email the product sends is first written here, in the sender's transaction; delivery
-- over SMTP (when configured) follows and is retried. In embedded mode the messages stay here.
create table mail_message (
    id              uuid primary key,
    recipient       text not null,
    subject         text not null,
    body            text not null,
    status          text not null check (status in ('KEPT', 'PENDING', 'SENT', 'FAILED')),
    attempts        int not null default 0,
    last_error      text,
    created_at      timestamp with time zone not null,
    next_attempt_at timestamp with time zone,
    sent_at         timestamp with time zone
);
create index mail_message_due_idx on mail_message (next_attempt_at) where status = 'PENDING';
create index mail_message_created_idx on mail_message (created_at desc);
