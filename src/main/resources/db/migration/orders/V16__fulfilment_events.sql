-- Fulfilment events received, by sender and the sender's event id: a repeat is answered
-- with what the first one did and changes nothing.
create table fulfilment_event (
    client       text not null,
    event_id     text not null,
    order_number text not null,
    status       text not null,
    moved_lines  text not null,
    received_at  timestamp with time zone not null,
    primary key (client, event_id)
);
