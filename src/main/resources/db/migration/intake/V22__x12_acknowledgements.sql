-- The 997 and 855 acknowledgements sent back to EDI trading partners, kept for them to
-- fetch (GET /api/intake/<channel>/acknowledgements) and written to the channel's
-- outbound folder when it has one. Control numbers count up per installation.
create sequence intake_x12_control_number minvalue 1 maxvalue 999999999 cycle;

create table intake_acknowledgement (
    id             uuid primary key,
    channel_key    text not null,
    kind           text not null check (kind in ('997', '855')),
    control_number int not null,
    -- the interchange control number a 997 answers, the PO number an 855 accepts
    reference      text not null,
    document       text not null,
    created_at     timestamp with time zone not null
);

create index intake_acknowledgement_channel_idx on intake_acknowledgement (channel_key, created_at);
