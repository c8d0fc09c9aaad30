-- Spring Session JDBC (schema-postgresql.sql of spring-session-jdbc 4.1): sessions shared by
-- every node, findable by the account's email (PRINCIPAL_NAME) to list and revoke them.
create table spring_session (
    primary_id            char(36) not null,
    session_id            char(36) not null,
    creation_time         bigint not null,
    last_access_time      bigint not null,
    max_inactive_interval int not null,
    expiry_time           bigint not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36) not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references spring_session (primary_id) on delete cascade
);

-- Browsers an account has signed in from, known by a random cookie kept only as a hash.
create table known_device (
    account_id    uuid not null references account (id),
    device_hash   text not null,
    description   text not null,
    first_seen_at timestamp with time zone not null,
    last_seen_at  timestamp with time zone not null,
    primary key (account_id, device_hash)
);
