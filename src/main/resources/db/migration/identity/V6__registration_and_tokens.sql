alter table account add column email_verified boolean not null default false;
alter table account add column phone text;
alter table account add column time_zone text;
-- accounts that existed before self-registration were created by staff or seeding: verified
update account set email_verified = true;

-- Single-use links sent by email: only a hash of the token is kept.
create table account_token (
    token_hash text primary key,
    account_id uuid not null references account (id),
    purpose    text not null check (purpose in ('VERIFY_EMAIL', 'RESET_PASSWORD')),
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    used_at    timestamp with time zone
);
create index account_token_account_idx on account_token (account_id, purpose);
