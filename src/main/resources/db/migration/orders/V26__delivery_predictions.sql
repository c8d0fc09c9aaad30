-- Concierge's own delivery estimate for a parcel on its way, written by the tracking
-- module: the likely day and a range that held nine in ten parcels like it, or the
-- carrier's estimate when there is too little history.
alter table shipment
    add column predicted_delivery date,
    add column predicted_earliest date,
    add column predicted_latest   date,
    add column prediction_source  text,
    add column predicted_at       timestamp with time zone;
