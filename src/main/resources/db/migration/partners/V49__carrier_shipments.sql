-- What carriers see of the parcels handed to them: a projection of the orders' OrderShipped
-- events (every parcel with a tracking number; a carrier sees those shipped with its name),
-- its stage as of the last report recorded through the portal, and the proofs of delivery.
create table carrier_shipment (
    shipment_id        uuid primary key,
    order_id           uuid not null,
    order_number       text not null,
    carrier            text not null,
    tracking_number    text not null,
    shipped_at         timestamp with time zone not null,
    promised_delivery  date,
    stage              text,
    stage_at           timestamp with time zone,
    updated_at         timestamp with time zone not null
);
create index carrier_shipment_carrier_idx on carrier_shipment (carrier, shipped_at desc);
create index carrier_shipment_tracking_idx on carrier_shipment (tracking_number);

-- A recipient's photo and/or signature, kept in the document store for the order's customer.
create table delivery_proof (
    id                  uuid primary key,
    shipment_id         uuid not null references carrier_shipment (shipment_id),
    order_number        text not null,
    owner_account       uuid,
    recipient           text not null,
    delivered_at        timestamp with time zone not null,
    location            text,
    latitude            numeric(9, 6),
    longitude           numeric(9, 6),
    photo_document      uuid,
    signature_document  uuid,
    recorded_by         text not null,
    recorded_at         timestamp with time zone not null
);
create index delivery_proof_order_idx on delivery_proof (order_number);
create index delivery_proof_shipment_idx on delivery_proof (shipment_id);

-- Pickup windows a carrier books at the warehouse; the warehouse confirms them.
create table carrier_pickup (
    id            uuid primary key,
    partner_id    uuid not null references partner (id),
    pickup_date   date not null,
    time_window   text not null,
    parcels       integer not null check (parcels between 1 and 10000),
    status        text not null check (status in ('REQUESTED', 'CONFIRMED', 'CANCELLED')),
    requested_by  text not null,
    requested_at  timestamp with time zone not null,
    confirmed_by  text,
    confirmed_at  timestamp with time zone
);
create index carrier_pickup_day_idx on carrier_pickup (pickup_date, time_window);
