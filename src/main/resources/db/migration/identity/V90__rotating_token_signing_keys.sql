-- OAuth access tokens' signing keys rotate (ASVS V11.1.1, V11.2.2): one current key signs, keys
-- retired before it keep verifying the tokens they signed until those expired. The RSA key of
-- before is retired for a P-256 one at the next start.
alter table oauth2_signing_key drop constraint oauth2_signing_key_pkey;
alter table oauth2_signing_key drop column slot;
alter table oauth2_signing_key add primary key (kid);
alter table oauth2_signing_key add column retired_at timestamptz;
-- at most one current key, whichever node makes it first
create unique index oauth2_signing_key_current on oauth2_signing_key ((true)) where retired_at is null;
