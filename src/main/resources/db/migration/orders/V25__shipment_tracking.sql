-- What carriers report about a parcel: each scan once (its fingerprint recognises the same
-- scan in a later webhook), and the parcel's stage as of its latest scan. A scan older than
-- the stage's is kept in the history but does not move the stage; a delivered or returned
-- parcel's stage is final.
alter table shipment
    add column stage            text,
    add column stage_at         timestamp with time zone,
    add column carrier_estimate date,
    add column last_location    text,
    add column signed_by        text;

create index shipment_tracking_number_idx on shipment (tracking_number) where tracking_number is not null;

create table shipment_checkpoint (
    id             bigint generated always as identity primary key,
    shipment_id    uuid not null references shipment (id),
    occurred_at    timestamp with time zone not null,
    stage          text not null,
    carrier_status text not null,
    description    text,
    location       text,
    source         text not null,
    fingerprint    text not null,
    received_at    timestamp with time zone not null,
    unique (shipment_id, fingerprint)
);
create index shipment_checkpoint_shipment_idx on shipment_checkpoint (shipment_id, occurred_at);
