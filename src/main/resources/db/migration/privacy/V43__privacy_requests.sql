-- Audit entries from now on seal who, what about and from where in a digest with a salt of
-- their own: the chain's hash covers the digest, so an erasure can replace those three
-- fields with a pseudonym and drop the salt while every hash still verifies.
alter table audit_entry add column personal_digest char(64);
alter table audit_entry add column salt text;

create or replace function audit_entry_is_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and old.salt is not null and new.salt is null
            and new.sequence = old.sequence and new.occurred_at = old.occurred_at
            and new.recorded_at = old.recorded_at and new.action = old.action
            and new.personal_digest = old.personal_digest and new.previous_hash = old.previous_hash
            and new.hash = old.hash then
        return new;
    end if;
    raise exception 'the audit trail is append-only: % is not allowed', tg_op;
end
$$;

-- The texts a customer can consent to, each version kept for as long as a consent to it.
create table consent_text (
    purpose      text not null check (purpose in ('MARKETING', 'ANALYTICS')),
    version      int not null check (version > 0),
    text_en      text not null,
    text_de      text not null,
    published_at timestamp with time zone not null,
    primary key (purpose, version)
);
insert into consent_text (purpose, version, text_en, text_de, published_at) values
    ('MARKETING', 1, 'Concierge may email me about offers and new products, at most twice a month. I can withdraw this at any time on my privacy page or through the link in every such mail.',
     'Concierge darf mir höchstens zweimal im Monat E-Mails zu Angeboten und neuen Produkten senden. Ich kann das jederzeit auf meiner Datenschutzseite oder über den Link in jeder solchen E-Mail widerrufen.',
     '2026-12-01T00:00:00Z'),
    ('ANALYTICS', 1, 'Concierge may count how I use the portal (pages opened, searches, answers found) to improve it. Nothing is shared with anyone else and no third-party tracker is used.',
     'Concierge darf zählen, wie ich das Portal nutze (geöffnete Seiten, Suchen, gefundene Antworten), um es zu verbessern. Nichts wird an Dritte weitergegeben, und es wird kein Tracker Dritter verwendet.',
     '2026-12-01T00:00:00Z');

-- Every decision, never changed: the latest per purpose is the one in force.
create table consent (
    id         bigint generated always as identity primary key,
    account_id uuid not null,
    purpose    text not null,
    version    int not null,
    granted    boolean not null,
    decided_at timestamp with time zone not null,
    origin     text not null,
    foreign key (purpose, version) references consent_text (purpose, version)
);
create index consent_account_idx on consent (account_id, purpose, id desc);

-- A person's (or their company's) data as one encrypted zip in the document store, made in
-- the background; its link is signed with the nonce, which a new link replaces.
create table data_export (
    id            uuid primary key,
    account_id    uuid not null,
    company_id    uuid,
    status        text not null check (status in ('RUNNING', 'READY', 'FAILED', 'EXPIRED')),
    sections      int not null,
    done          int not null default 0,
    document_id   uuid,
    link_nonce    text not null,
    bound_session text,
    requested_at  timestamp with time zone not null,
    ready_at      timestamp with time zone,
    expires_at    timestamp with time zone
);
create index data_export_account_idx on data_export (account_id, requested_at desc);
-- one export at a time per person and scope, however often it is asked for
create unique index data_export_one_running_idx
    on data_export (account_id, coalesce(company_id, '00000000-0000-0000-0000-000000000000'))
    where status = 'RUNNING';

-- An account's deletion: scheduled after a grace period, put off while something must be
-- settled, then done; the signed receipt stays, findable by the hash of the customer's link.
create table erasure_request (
    account_id         uuid primary key,
    status             text not null check (status in ('SCHEDULED', 'CANCELLED', 'DONE')),
    requested_at       timestamp with time zone not null,
    due_at             timestamp with time zone not null,
    waiting_for        text,
    receipt_token_hash text not null unique,
    completed_at       timestamp with time zone,
    receipt            text
);
create index erasure_request_due_idx on erasure_request (due_at) where status = 'SCHEDULED';

-- The key deletion receipts are signed with; its public half is published.
create table receipt_key (
    kid        text primary key,
    jwk        text not null,
    created_at timestamp with time zone not null
);

-- What each retention run removed, for the administrators' page.
create table retention_run (
    id         bigint generated always as identity primary key,
    ran_at     timestamp with time zone not null,
    data_class text not null,
    outcome    text not null,
    removed    bigint not null
);
create index retention_run_ran_at_idx on retention_run (ran_at desc);
