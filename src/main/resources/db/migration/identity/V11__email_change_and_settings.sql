alter table account_token add column new_email text;
alter table account_token drop constraint account_token_purpose_check;
alter table account_token add constraint account_token_purpose_check
    check (purpose in ('VERIFY_EMAIL', 'RESET_PASSWORD', 'CHANGE_EMAIL'));

-- Identity settings an administrator changes while the portal runs.
create table identity_setting (
    key   text primary key,
    value text not null
);
