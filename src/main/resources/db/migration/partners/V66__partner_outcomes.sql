-- Operations marks a pickup collected, with the time the carrier took the parcels: a pickup
-- is on time when it was confirmed and collected within its window.
alter table carrier_pickup add column collected_at timestamp with time zone;
alter table carrier_pickup add column collected_by text;

-- When a parcel's carrier reported it delivered or returned to the sender (through the portal).
alter table carrier_shipment add column outcome text check (outcome in ('DELIVERED', 'RETURNED_TO_SENDER'));
alter table carrier_shipment add column outcome_at timestamp with time zone;

-- Something wrong with a parcel, opened by its carrier, its customer or operations, with an
-- optional photo in the document store, and the support ticket it opened.
create table parcel_discrepancy (
    id              uuid primary key,
    shipment_id     uuid not null references carrier_shipment (shipment_id),
    order_number    text not null,
    carrier         text not null,
    tracking_number text not null,
    kind            text not null check (kind in ('DAMAGED', 'SHORT', 'REFUSED', 'WRONG_ADDRESS')),
    description     text not null,
    photo_document  uuid,
    opened_side     text not null check (opened_side in ('CARRIER', 'CUSTOMER', 'OPERATIONS')),
    opened_by       text not null,
    opened_at       timestamp with time zone not null,
    ticket_number   text
);
create index parcel_discrepancy_shipment_idx on parcel_discrepancy (shipment_id);
create index parcel_discrepancy_carrier_idx on parcel_discrepancy (carrier, opened_at);
