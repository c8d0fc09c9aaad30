-- A ticket another part of Concierge opened for its customer (a carrier's or the
-- warehouse's report of a parcel gone wrong), and who that was. Its first message is the
-- system's, written on the opener's behalf (kept on the message too, since a merge moves
-- messages between tickets). Such a ticket is not one the customer started, so deflection
-- does not count it against their drafts. Null on what customers opened and wrote.
alter table ticket add column opener_kind text check (opener_kind in ('CARRIER', 'WAREHOUSE'));
alter table ticket add column opener_name text;
alter table ticket add constraint ticket_opener_named check (opener_kind is null or opener_name is not null);
alter table ticket_message add column opener_kind text check (opener_kind in ('CARRIER', 'WAREHOUSE'));
alter table ticket_message add column opener_name text;
alter table ticket_message add constraint ticket_message_opener_named
    check (opener_kind is null or (opener_name is not null and author_kind = 'SYSTEM'));
