-- Secrets Concierge made itself because none was configured (GeneratedSecrets), sealed with
-- the documents' keyset and bound to their name; shared by every node.
create table generated_secret (
    name       text primary key,
    secret     text not null,
    created_at timestamp with time zone not null
);
