-- Failed sign-ins per account and per network address, shared by every node.
create table sign_in_throttle (
    key             text primary key,
    failures        int not null,
    last_failure_at timestamp with time zone not null,
    locked_until    timestamp with time zone
);

-- Fixed-window counters for rate limits (registrations, reset mails, …).
create table rate_limit (
    key          text primary key,
    window_start timestamp with time zone not null,
    hits         int not null
);
