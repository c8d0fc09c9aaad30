-- Why a parcel's customer was warned: each cause once per parcel (a predicted delay, no
-- scan for too long, or the exception stage the carrier reported). The latest cause marks
-- the parcel on the order page.
create table delivery_alert (
    shipment_id uuid not null references shipment (id),
    cause       text not null,
    raised_at   timestamp with time zone not null,
    primary key (shipment_id, cause)
);

alter table shipment add column alert text;
