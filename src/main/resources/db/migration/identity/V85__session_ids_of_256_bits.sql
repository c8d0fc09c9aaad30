-- Session ids are 256 random bits in 43 characters of URL-safe Base64 (SessionIds), no
-- longer 36-character UUIDs; the primary id stays a UUID that never leaves the database.
alter table spring_session alter column session_id type varchar(64);
