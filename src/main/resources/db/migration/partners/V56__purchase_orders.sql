-- A vendor's purchase orders: submitted (form, CSV), acknowledged by Concierge at once (each
-- line accepted or rejected, the 855), shipped by the vendor (its advance ship notice, the 856),
-- received at the warehouse (operations count what came). Each step's time is kept, so that
-- order-to-ship time can be measured.
create table purchase_order (
    id              uuid primary key,
    vendor_id       uuid not null references partner (id),
    number          text not null check (length(number) between 1 and 40),
    source          text not null check (source in ('FORM', 'CSV', 'API')),
    status          text not null check (status in ('ACKNOWLEDGED', 'SHIPPED', 'RECEIVED')),
    submitted_by    text not null,
    submitted_at    timestamp with time zone not null,
    acknowledged_at timestamp with time zone not null,
    shipment_number text,
    shipped_at      timestamp with time zone,
    received_by     text,
    received_at     timestamp with time zone,
    unique (vendor_id, number)
);
create index purchase_order_status_idx on purchase_order (status, submitted_at);

create table purchase_order_line (
    purchase_order_id uuid not null references purchase_order (id),
    line              integer not null,
    sku               text not null,
    quantity          integer not null check (quantity > 0),
    unit_price        numeric(19, 4) not null check (unit_price >= 0),
    currency          text not null,
    requested_date    date not null,
    accepted          boolean not null,
    rejection         text,
    shipped_quantity  integer check (shipped_quantity >= 0),
    received_quantity integer check (received_quantity >= 0),
    primary key (purchase_order_id, line)
);
