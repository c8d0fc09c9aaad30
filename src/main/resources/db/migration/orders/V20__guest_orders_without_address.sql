-- Web shops and tills take orders from guests without an account, and for things nobody
-- delivers (gift cards, downloads, goods taken home): such an order belongs to the email
-- address the customer gave, and its addresses may be missing.
alter table customer_order drop constraint customer_order_check;
alter table customer_order add constraint customer_order_owner_check
    check (account_id is not null or organisation_id is not null or customer_email is not null);

alter table customer_order
    alter column ship_name drop not null,
    alter column ship_lines drop not null,
    alter column ship_city drop not null,
    alter column ship_country drop not null,
    alter column bill_name drop not null,
    alter column bill_lines drop not null,
    alter column bill_city drop not null,
    alter column bill_country drop not null;
alter table customer_order add constraint customer_order_ship_to_check
    check ((ship_name is null) = (ship_lines is null) and (ship_name is null) = (ship_city is null)
        and (ship_name is null) = (ship_country is null));
alter table customer_order add constraint customer_order_bill_to_check
    check ((bill_name is null) = (bill_lines is null) and (bill_name is null) = (bill_city is null)
        and (bill_name is null) = (bill_country is null));
