-- A customer's or company's invoices of a period as one zip, made in the background: the
-- PDFs not rendered yet are rendered first (the progress counts them), then the zip is
-- streamed from the document store on download, never held whole.
create table invoice_archive (
    id           uuid primary key,
    owner        uuid not null,
    company      boolean not null,
    requested_by text not null,
    from_date    date not null,
    to_date      date not null,
    status       text not null check (status in ('RUNNING', 'READY', 'FAILED')),
    total        int not null,
    done         int not null default 0,
    created_at   timestamp with time zone not null
);
create index invoice_archive_owner_idx on invoice_archive (owner, created_at desc);
