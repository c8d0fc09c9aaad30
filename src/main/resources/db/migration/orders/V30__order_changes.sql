-- Customers' own changes to their orders: part of a line may be cancelled or returned.
alter table order_line add column cancelled_quantity int not null default 0 check (cancelled_quantity >= 0);
alter table order_line add column returned_quantity int not null default 0 check (returned_quantity >= 0);
alter table order_line add constraint order_line_open_quantity check (cancelled_quantity + returned_quantity <= quantity);

-- How the customer wants a parcel handed over, and the day they chose where the carrier
-- lets them choose.
alter table customer_order add column delivery_safe_place text;
alter table customer_order add column delivery_neighbour text;
alter table customer_order add column delivery_window text;
alter table customer_order add column delivery_date date;

-- The products the channels name: each SKU with the product it is a variant of (for
-- exchanges: another size or colour) and what the shop says about returning it.
create table product_variant (
    sku           text primary key,
    product       text not null,
    variant       text not null,
    name          text not null,
    final_sale    boolean not null default false,
    perishable    boolean not null default false,
    made_to_order boolean not null default false
);
create index product_variant_product_idx on product_variant (product);

-- What a customer asked to change on an order and what became of it: done at once,
-- waiting for an agent, rejected; a return with its RMA number and progress.
create sequence return_number_seq start with 5001;
create table order_change (
    id              uuid primary key,
    order_id        uuid not null references customer_order (id),
    kind            text not null,
    status          text not null,
    return_number   text unique,
    requested_by    text not null,
    requested_at    timestamp with time zone not null,
    reason          text,
    reason_note     text,
    resolution      text,
    refund          numeric(19, 4),
    new_name        text,
    new_lines       text,
    new_postal_code text,
    new_city        text,
    new_region      text,
    new_country     text,
    old_name        text,
    old_lines       text,
    old_postal_code text,
    old_city        text,
    old_region      text,
    old_country     text,
    safe_place      text,
    neighbour       text,
    delivery_window text,
    delivery_date   date,
    decided_by      text,
    decided_at      timestamp with time zone,
    decision_note   text,
    updated_at      timestamp with time zone not null
);
create index order_change_order_idx on order_change (order_id, requested_at);
create index order_change_pending_idx on order_change (requested_at) where status = 'PENDING_APPROVAL';

create table order_change_line (
    change_id    uuid not null references order_change (id),
    line_number  int not null,
    quantity     int not null check (quantity > 0),
    exchange_sku text,
    primary key (change_id, line_number)
);

create table return_photo (
    id           uuid primary key,
    change_id    uuid not null references order_change (id),
    content_type text not null,
    content      bytea not null
);
create index return_photo_change_idx on return_photo (change_id);

-- The rules an administrator set; what is missing comes from the properties.
create table change_policy_setting (
    name  text primary key,
    value text not null
);

-- A request's Idempotency-Key with the answer it got, so a repeat gets the same answer
-- and changes nothing.
create table idempotent_request (
    caller      text not null,
    key         text not null,
    fingerprint text not null,
    status      int,
    body        text,
    created_at  timestamp with time zone not null,
    primary key (caller, key)
);
