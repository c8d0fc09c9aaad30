-- The products orders contain, by SKU and name: a small table where a misspelt product
-- name is looked up first, so the order search then only asks which of the caller's
-- orders hold those SKUs instead of matching the names of millions of lines.
create table order_product (
    sku  text not null,
    name text not null,
    primary key (sku, name)
);
insert into order_product (sku, name) select distinct sku, name from order_line;
create index order_product_name_trgm_idx on order_product using gin (name gin_trgm_ops);
create index order_line_sku_order_idx on order_line (sku, order_id);
drop index order_line_name_trgm_idx;
drop index order_line_sku_idx;
