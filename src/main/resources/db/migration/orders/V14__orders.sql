-- The canonical order. Accounts and companies are the identity module's; orders keep
-- their ids without a foreign key so the modules stay apart.
create extension if not exists pg_trgm;

create sequence order_number_seq start with 100001;

create table customer_order (
    id                 uuid primary key,
    version            bigint not null,
    number             text not null unique,
    channel            text not null,
    external_reference text,
    purchase_order     text,
    account_id         uuid,
    organisation_id    uuid,
    placed_at          timestamp with time zone not null,
    currency           text not null check (currency ~ '^[A-Z]{3}$'),
    subtotal           numeric(19, 4) not null,
    discounts          numeric(19, 4) not null,
    taxes              numeric(19, 4) not null,
    shipping           numeric(19, 4) not null,
    grand_total        numeric(19, 4) not null,
    ship_name          text not null,
    ship_lines         text not null,
    ship_postal_code   text,
    ship_city          text not null,
    ship_region        text,
    ship_country       text not null,
    bill_name          text not null,
    bill_lines         text not null,
    bill_postal_code   text,
    bill_city          text not null,
    bill_region        text,
    bill_country       text not null,
    notes              text,
    status             text not null,
    updated_at         timestamp with time zone not null,
    check (account_id is not null or organisation_id is not null),
    unique (channel, external_reference)
);
-- A customer's or a company's orders, newest first, optionally by status: the list pages.
create index customer_order_account_idx on customer_order (account_id, placed_at desc, id) where account_id is not null;
create index customer_order_organisation_idx on customer_order (organisation_id, placed_at desc, id) where organisation_id is not null;
create index customer_order_organisation_status_idx on customer_order (organisation_id, status, placed_at desc);
create index customer_order_purchase_order_idx on customer_order (purchase_order) where purchase_order is not null;

create table order_line (
    id          uuid primary key,
    order_id    uuid not null references customer_order (id),
    line_number int not null,
    sku         text not null,
    name        text not null,
    quantity    int not null check (quantity > 0),
    unit_price  numeric(19, 4) not null,
    discount    numeric(19, 4) not null,
    tax         numeric(19, 4) not null,
    status      text not null,
    stage       text not null,
    changed_at  timestamp with time zone not null,
    unique (order_id, line_number)
);
-- Product search: typo tolerant on the name, by prefix on the SKU.
create index order_line_name_trgm_idx on order_line using gin (name gin_trgm_ops);
create index order_line_sku_idx on order_line (lower(sku) text_pattern_ops);

create table shipment (
    id                uuid primary key,
    order_id          uuid not null references customer_order (id),
    carrier           text not null,
    service           text,
    tracking_number   text,
    promised_delivery date,
    shipped_at        timestamp with time zone not null
);
create index shipment_order_idx on shipment (order_id);

create table shipment_line (
    shipment_id uuid not null references shipment (id),
    line_number int not null,
    quantity    int not null check (quantity > 0)
);
create index shipment_line_shipment_idx on shipment_line (shipment_id);

create table order_history (
    id          bigint generated always as identity primary key,
    order_id    uuid not null references customer_order (id),
    line_number int,
    status      text not null,
    occurred_at timestamp with time zone not null,
    note        text
);
create index order_history_order_idx on order_history (order_id, occurred_at);
