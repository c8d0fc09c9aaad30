-- The promise ledger: every delivery date shown to a customer, when it was first shown,
-- where it came from (MERCHANT: the shop's promise at shipping; CARRIER: the carrier's
-- estimate; MODEL: Concierge's, with the share of parcels its range held) and so how
-- well each source keeps its word once the parcel is delivered.
create table delivery_promise (
    id          bigint generated always as identity primary key,
    shipment_id uuid not null references shipment (id),
    source      text not null check (source in ('MERCHANT', 'CARRIER', 'MODEL')),
    promised_on date not null,
    earliest    date not null,
    latest      date not null,
    confidence  numeric(3, 2),
    shown_at    timestamp with time zone not null
);
create index delivery_promise_shipment_idx on delivery_promise (shipment_id, source, id desc);
