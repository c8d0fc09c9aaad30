-- TOTP (RFC 6238): one authenticator per account; confirmed once a code from it was entered.
create table account_totp (
    account_id     uuid primary key references account (id),
    secret         text not null,
    confirmed_at   timestamp with time zone,
    last_used_step bigint not null default 0
);

-- Single-use recovery codes, stored as SHA-256 hashes (80 random bits each).
create table recovery_code (
    account_id uuid not null references account (id),
    code_hash  text not null,
    used_at    timestamp with time zone,
    primary key (account_id, code_hash)
);

-- "Trust this device for 30 days": a random cookie, kept only as a hash, revocable.
create table trusted_device (
    token_hash  text primary key,
    account_id  uuid not null references account (id),
    description text not null,
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone not null
);
create index trusted_device_account_idx on trusted_device (account_id);

-- An administrator can require a second factor of every user of an organisation.
alter table organisation add column mfa_required boolean not null default false;
