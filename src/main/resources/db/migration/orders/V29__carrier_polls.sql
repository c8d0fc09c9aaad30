-- When the tracking module next asks a carrier's API about a parcel: sooner the nearer it
-- is to the door.
create table carrier_poll (
    shipment_id  uuid primary key references shipment (id),
    polled_at    timestamp with time zone not null,
    next_poll_at timestamp with time zone not null
);
create index carrier_poll_due_idx on carrier_poll (next_poll_at);
