create table organisation (
    id         uuid primary key,
    name       text not null,
    created_at timestamp with time zone not null
);

create table account (
    id                 uuid primary key,
    email              text not null unique check (email = lower(email)),
    display_name       text not null,
    password_hash      text not null,
    role               text not null check (role in ('CUSTOMER', 'AGENT', 'OPERATIONS', 'ADMINISTRATOR')),
    organisation_id    uuid references organisation (id),
    preferred_language text,
    enabled            boolean not null default true,
    created_at         timestamp with time zone not null
);
create index account_organisation_idx on account (organisation_id);
