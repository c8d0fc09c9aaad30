-- Roles inside a company account; a user may hold several.
create table organisation_role (
    account_id uuid not null references account (id),
    role       text not null check (role in ('ADMIN', 'BUYER', 'VIEWER', 'FINANCE')),
    primary key (account_id, role)
);

-- Invitations to join a company account, accepted through a link valid seven days.
create table invitation (
    id              uuid primary key,
    token_hash      text not null unique,
    organisation_id uuid not null references organisation (id),
    email           text not null,
    roles           text not null,
    invited_by      text not null,
    created_at      timestamp with time zone not null,
    expires_at      timestamp with time zone not null,
    accepted_at     timestamp with time zone,
    revoked_at      timestamp with time zone
);
create index invitation_organisation_idx on invitation (organisation_id);
