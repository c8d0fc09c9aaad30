-- Where the channel says the customer can be reached; with the order number it opens the
-- guest status page, as the delivery postal code does.
alter table customer_order add column customer_email text;
