-- Billing: invoices and credit notes, numbered without gaps per series and year, never changed
-- once issued (corrections are credit notes); payments and refunds through a provider.

-- The last number given per series and year. Taking a number locks the row until the
-- transaction that issues the document ends: a rollback gives the number back, so none is
-- skipped.
create table billing_sequence (
    series text not null,
    year   int not null,
    last   bigint not null,
    primary key (series, year)
);

create table invoice (
    id               uuid primary key,
    kind             text not null check (kind in ('INVOICE', 'CREDIT_NOTE')),
    number           text not null unique,
    series           text not null,
    year             int not null,
    sequence         bigint not null,
    order_number     text not null,
    -- what it was issued for: a shipment, the placed order, or a refund of the changes module
    source           text not null unique,
    corrects         uuid references invoice (id),
    account_id       uuid,
    organisation_id  uuid,
    channel          text not null,
    issued_at        timestamp with time zone not null,
    delivered_on     date,
    due_on           date not null,
    currency         text not null check (currency ~ '^[A-Z]{3}$'),
    net_total        numeric(19, 4) not null,
    tax_total        numeric(19, 4) not null,
    total            numeric(19, 4) not null check (total >= 0),
    buyer_name       text not null,
    buyer_lines      text not null,
    buyer_postal_code text,
    buyer_city       text not null,
    buyer_country    text not null,
    buyer_vat_id     text,
    buyer_email      text,
    buyer_reference  text,
    tax_note         text,
    -- the PDF in the document store, rendered right after the number is taken (so the
    -- series is locked only for the insert)
    pdf_document     uuid,
    unique (series, year, sequence),
    check (account_id is not null or organisation_id is not null or buyer_email is not null)
);
-- a customer's or a company's documents, newest first: the list pages, read in index order
create index invoice_account_idx on invoice (account_id, issued_at desc, number desc) where account_id is not null;
create index invoice_organisation_idx on invoice (organisation_id, issued_at desc, number desc)
    where organisation_id is not null;
create index invoice_order_idx on invoice (order_number);
create index invoice_corrects_idx on invoice (corrects) where corrects is not null;
create index invoice_unrendered_idx on invoice (issued_at) where pdf_document is null;

create table invoice_line (
    invoice_id  uuid not null references invoice (id),
    position    int not null,
    order_line  int,
    sku         text not null,
    name        text not null,
    quantity    int not null check (quantity > 0),
    unit_price  numeric(19, 4) not null,
    discount    numeric(19, 4) not null,
    net         numeric(19, 4) not null,
    tax_rate    numeric(7, 3) not null,
    tax         numeric(19, 4) not null,
    tax_category text not null,
    primary key (invoice_id, position)
);

-- Issued means final: no row of an invoice or its lines is ever changed or removed; only its
-- rendered PDF is added, once.
create function billing_refuse_change() returns trigger language plpgsql as $$
begin
    if tg_table_name = 'invoice' and tg_op = 'UPDATE' and old.pdf_document is null
            and to_jsonb(new) - 'pdf_document' = to_jsonb(old) - 'pdf_document' then
        return new;
    end if;
    raise exception 'issued invoices and credit notes are not changed; issue a credit note' using errcode = '55000';
end $$;
create trigger invoice_immutable before update or delete on invoice
    for each row execute function billing_refuse_change();
create trigger invoice_line_immutable before update or delete on invoice_line
    for each row execute function billing_refuse_change();

-- When an invoice is issued, per channel: when the order is placed or per shipment (the default).
create table billing_channel (
    channel  text primary key,
    issue_on text not null check (issue_on in ('PLACED', 'SHIPPED'))
);
insert into billing_channel (channel, issue_on) values ('POINT_OF_SALE', 'PLACED');

-- A company's terms: its VAT id (reverse charge), credit limit and days to pay.
create table billing_terms (
    organisation_id uuid primary key,
    vat_id          text,
    credit_limit    numeric(19, 4),
    currency        text not null default 'EUR',
    payment_days    int not null check (payment_days between 0 and 120)
);

-- Money in (a payment of an invoice) and out (a refund of a credit note), through a
-- provider. The idempotency key is sent with every call to the provider, so a retried call
-- is one payment there too.
create table payment (
    id                 uuid primary key,
    kind               text not null check (kind in ('PAYMENT', 'REFUND')),
    invoice_id         uuid not null references invoice (id),
    provider           text not null,
    provider_reference text,
    idempotency_key    text not null unique,
    amount             numeric(19, 4) not null check (amount > 0),
    currency           text not null,
    status             text not null check (status in ('PENDING', 'SUCCEEDED', 'FAILED')),
    checkout_url       text,
    provider_payment   text,
    failure            text,
    created_by         text not null,
    created_at         timestamp with time zone not null,
    settled_at         timestamp with time zone,
    unique (provider, provider_reference)
);
create index payment_invoice_idx on payment (invoice_id);

-- Reminders sent, once per invoice and stage (before the due date, and after it).
create table invoice_reminder (
    invoice_id uuid not null references invoice (id),
    stage      text not null,
    sent_at    timestamp with time zone not null,
    primary key (invoice_id, stage)
);

-- The built-in sandbox provider's own state: its checkout sessions, and the signed webhooks it
-- will deliver, after a delay, like a real provider.
create table sandbox_session (
    id          text primary key,
    amount      numeric(19, 4) not null,
    currency    text not null,
    description text not null,
    return_url  text not null,
    status      text not null check (status in ('OPEN', 'CHALLENGE', 'PAID', 'DECLINED', 'REFUNDED')),
    card_last4  text,
    idempotency_key text not null unique,
    created_at  timestamp with time zone not null
);
create table sandbox_webhook (
    id           bigint generated always as identity primary key,
    payload      text not null,
    deliver_at   timestamp with time zone not null,
    attempts     int not null default 0,
    delivered_at timestamp with time zone
);
create index sandbox_webhook_due_idx on sandbox_webhook (deliver_at) where delivered_at is null;
