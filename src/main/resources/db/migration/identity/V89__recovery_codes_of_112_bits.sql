-- Recovery codes: new ones have about 119 random bits and are kept as plain SHA-256 ('sha256');
-- those made before had about 79 and are kept as Argon2id of their SHA-256, with a salt each
-- ('argon2id-sha256', rewritten at start by SecondFactors), until then 'sha256-79' (ASVS V6.5.2).
alter table recovery_code add column hashed_as text not null default 'sha256-79';
alter table recovery_code alter column hashed_as drop default;
