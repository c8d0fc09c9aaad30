-- Sign-ins from OpenID Connect providers, by the provider's subject, linked to accounts.
create table external_identity (
    provider   text not null,
    subject    text not null,
    account_id uuid not null references account (id),
    email      text,
    linked_at  timestamp with time zone not null,
    primary key (provider, subject)
);
create index external_identity_account_idx on external_identity (account_id);

-- A company can be bound to a provider and an email domain: its users join it on their
-- first sign-in there and must sign in there.
alter table organisation add column sso_provider text;
alter table organisation add column sso_domain text;
