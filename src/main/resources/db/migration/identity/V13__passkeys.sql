-- Passkeys (WebAuthn). An account gets a random user handle the first time it registers
-- one; the credentials table is the one Spring Security's JdbcUserCredentialRepository
-- reads and writes, with the handle base64url-encoded.
alter table account add column passkey_user_id text unique;

create table user_credentials (
    credential_id                text primary key,
    user_entity_user_id          text not null references account (passkey_user_id),
    public_key                   bytea not null,
    signature_count              bigint,
    uv_initialized               boolean,
    backup_eligible              boolean not null,
    authenticator_transports     text not null default '',
    public_key_credential_type   text,
    backup_state                 boolean not null,
    attestation_object           bytea,
    attestation_client_data_json bytea,
    created                      timestamp not null,
    last_used                    timestamp not null,
    label                        text not null
);
create index user_credentials_user_idx on user_credentials (user_entity_user_id);
