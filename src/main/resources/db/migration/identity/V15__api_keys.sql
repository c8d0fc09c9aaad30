-- Keys for integration clients (warehouses, ERPs): stored as SHA-256 hashes, shown once.
create table api_key (
    id           uuid primary key,
    name         text not null,
    prefix       text not null,
    key_hash     text not null unique,
    scopes       text not null,
    created_at   timestamp with time zone not null,
    created_by   text not null,
    last_used_at timestamp with time zone,
    revoked_at   timestamp with time zone
);
