-- A CSV channel's own names for the columns, a column a line: "order_ref = order_reference".
alter table intake_channel add column csv_columns text not null default '';
