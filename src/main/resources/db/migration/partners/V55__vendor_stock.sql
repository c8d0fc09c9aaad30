-- A vendor's stock: how many of each SKU it holds at each location, as it last reported (the
-- inventory API) less what shipped since (orders' shipments of its SKUs), every change kept as
-- a movement. A SKU's threshold is set by the vendor; below it, the vendor hears once per
-- crossing (low is true until the stock is back at or above the threshold).
create table vendor_stock (
    vendor_id   uuid not null references partner (id),
    sku         text not null check (length(sku) between 1 and 60),
    location    text not null check (length(location) between 1 and 60),
    quantity    integer not null check (quantity >= 0),
    updated_at  timestamp with time zone not null,
    primary key (vendor_id, sku, location)
);

create table vendor_stock_movement (
    id          uuid primary key,
    vendor_id   uuid not null references partner (id),
    sku         text not null,
    location    text not null,
    change      integer not null,
    quantity    integer not null,
    reason      text not null check (reason in ('REPORTED', 'SHIPPED')),
    reference   text,
    actor       text not null,
    occurred_at timestamp with time zone not null
);
create index vendor_stock_movement_sku_idx on vendor_stock_movement (vendor_id, sku, occurred_at);

create table vendor_stock_threshold (
    vendor_id   uuid not null references partner (id),
    sku         text not null check (length(sku) between 1 and 60),
    threshold   integer not null check (threshold >= 0),
    low         boolean not null default false,
    primary key (vendor_id, sku)
);
