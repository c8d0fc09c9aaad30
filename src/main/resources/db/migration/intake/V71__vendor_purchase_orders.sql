-- A vendor's X12 850 purchase orders come in through intake too, each vendor on a channel of its
-- own ("vendor-<partner id>"), one submission per transaction set. The vendor's people or systems
-- sign in rather than sign the body, so who sent it and from where is kept with it. The module
-- that takes purchase orders in may refuse one: its own account of why (each problem's key, line
-- and value, a line each) lets the vendor read the reason in its own language. The 997 answering
-- each such purchase order, accepted or refused, is linked to its submission.
alter table intake_submission add column sent_by text;
alter table intake_submission add column sent_from text;
alter table intake_submission add column reason_details text;
create index intake_submission_channel_idx on intake_submission (channel_key, received_at);

alter table intake_acknowledgement add column submission_id uuid;
create index intake_acknowledgement_submission_idx on intake_acknowledgement (submission_id, created_at)
    where submission_id is not null;
