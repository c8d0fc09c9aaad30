-- Documents: the content is encrypted on disk (or in a bucket) with a key of its own; that key
-- is kept here only wrapped by the key-encryption keyset, which is never in the database.
-- No content, and no filename other than as display text.
create table document (
    id             uuid primary key,
    owner_account  uuid not null,
    kind           text not null,
    display_name   text not null,
    content_type   text not null,
    size_bytes     bigint not null check (size_bytes > 0),
    sha256         text not null,
    wrapped_key    bytea not null,
    kek_key_id     bigint not null,
    state          text not null check (state in ('AVAILABLE', 'QUARANTINED')),
    scan_result    text,
    uploaded_by    text not null,
    created_at     timestamp with time zone not null
);
create index document_owner_idx on document (owner_account, created_at desc);
create index document_kek_idx on document (kek_key_id);

-- Every opening of a document: by its owner, staff (with their reason) or the system.
create table document_access (
    id           bigint generated always as identity primary key,
    document_id  uuid not null references document (id),
    actor        text not null,
    actor_kind   text not null check (actor_kind in ('OWNER', 'STAFF', 'SYSTEM', 'LINK')),
    purpose      text not null,
    occurred_at  timestamp with time zone not null
);
create index document_access_document_idx on document_access (document_id, occurred_at desc);

-- Links that let someone without an account download one document until they expire or are
-- revoked; only the hash of the link's token is kept.
create table document_link (
    id           uuid primary key,
    document_id  uuid not null references document (id),
    token_hash   text not null unique,
    expires_at   timestamp with time zone not null,
    revoked_at   timestamp with time zone,
    created_by   text not null,
    created_at   timestamp with time zone not null
);
