-- Carriers and vendors who serve themselves in the partner portal, and the people who work for
-- them (accounts with the PARTNER role, kept by identity). A carrier is known to the orders by
-- the name its parcels are shipped with ("DHL"); a vendor by its name.
create table partner (
    id          uuid primary key,
    kind        text not null check (kind in ('CARRIER', 'VENDOR')),
    name        text not null unique check (length(name) between 2 and 100),
    carrier     text unique check (kind = 'CARRIER' and carrier is not null or kind = 'VENDOR' and carrier is null),
    created_by  text not null,
    created_at  timestamp with time zone not null
);

create table partner_member (
    account_id  uuid primary key,
    partner_id  uuid not null references partner (id),
    invited_by  text not null,
    invited_at  timestamp with time zone not null
);
create index partner_member_partner_idx on partner_member (partner_id);
