-- People who work for a carrier or a vendor sign in like everyone else, as partners.
alter table account drop constraint account_role_check;
alter table account add constraint account_role_check
    check (role in ('CUSTOMER', 'AGENT', 'OPERATIONS', 'ADMINISTRATOR', 'PARTNER'));
