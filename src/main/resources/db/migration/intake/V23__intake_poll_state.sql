-- Where each polled channel (Amazon's Orders API) has got to: orders updated up to
-- polled_through are stored. The row is locked while a node polls, so nodes take turns.
create table intake_poll_state (
    channel_key     text primary key,
    polled_through  timestamp with time zone not null,
    last_success_at timestamp with time zone,
    last_failure_at timestamp with time zone,
    last_error      text,
    -- orders the marketplace has not completed yet (no address, no total)
    waiting         int not null default 0
);
