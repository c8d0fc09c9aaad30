-- The API keys and OAuth clients a partner's people made for the partner's own systems. The
-- credentials themselves are identity's (api_key, oauth2_registered_client); this only says
-- which partner each one acts for, so identity knows nothing of partners.
create table partner_credential (
    credential_id  uuid primary key,
    partner_id     uuid not null references partner (id),
    kind           text not null check (kind in ('KEY', 'CLIENT')),
    created_by     text not null,
    created_at     timestamp with time zone not null
);
create index partner_credential_partner_idx on partner_credential (partner_id);
