-- Indexes the order list reads in order, for each sort and each branch of a caller's scope
-- (the company's orders, the account's own), so the first page and deep pages alike read
-- only the rows they show, even for a company with millions of orders.
drop index customer_order_account_idx;
drop index customer_order_organisation_idx;
create index customer_order_account_placed_idx on customer_order (account_id, placed_at desc, id desc) where account_id is not null;
create index customer_order_organisation_placed_idx on customer_order (organisation_id, placed_at desc, id desc) where organisation_id is not null;
create index customer_order_account_total_idx on customer_order (account_id, grand_total desc, id desc) where account_id is not null;
create index customer_order_organisation_total_idx on customer_order (organisation_id, grand_total desc, id desc) where organisation_id is not null;
create index customer_order_account_updated_idx on customer_order (account_id, updated_at desc, id desc) where account_id is not null;
create index customer_order_organisation_updated_idx on customer_order (organisation_id, updated_at desc, id desc) where organisation_id is not null;
create index customer_order_external_reference_idx on customer_order (external_reference);
