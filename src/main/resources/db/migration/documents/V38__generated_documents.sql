-- Documents the system makes for another module (invoices) may belong to no account: a
-- company's invoices are opened through the billing module, which checks the finance role.
alter table document alter column owner_account drop not null;
