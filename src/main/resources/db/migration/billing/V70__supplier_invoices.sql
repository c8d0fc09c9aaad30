-- Accounts payable: the invoices suppliers send Concierge. A supplier is only an id and a
-- name here (billing knows no partners); its own invoice number is unique per supplier.
-- The amounts are checked by the database too, so no path around the service stores an
-- invoice whose gross is not net plus tax or whose due date is before its issue date.
create table supplier_invoice (
    id             uuid primary key,
    supplier_id    uuid not null,
    supplier_name  text not null,
    number         text not null,
    reference      text not null,
    issued_on      date not null,
    due_on         date not null,
    currency       char(3) not null,
    net            numeric(19, 4) not null check (net >= 0),
    tax            numeric(19, 4) not null check (tax >= 0),
    gross          numeric(19, 4) not null,
    pdf_document   uuid,
    status         text not null check (status in ('RECEIVED', 'APPROVED', 'PAID', 'DISPUTED')),
    dispute_reason text,
    submitted_by   text not null,
    submitted_at   timestamp with time zone not null,
    approved_by    text,
    approved_at    timestamp with time zone,
    disputed_by    text,
    disputed_at    timestamp with time zone,
    paid_by        text,
    paid_at        timestamp with time zone,
    constraint supplier_invoice_number_uq unique (supplier_id, number),
    constraint supplier_invoice_gross_ck check (gross = net + tax),
    constraint supplier_invoice_due_ck check (due_on >= issued_on)
);
create index supplier_invoice_reference_idx on supplier_invoice (supplier_id, reference);
create index supplier_invoice_status_idx on supplier_invoice (status, submitted_at desc);
