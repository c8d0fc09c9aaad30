-- Which demo data sets are in, so each is seeded once.
create table demo_data (
    name      text primary key,
    seeded_at timestamp with time zone not null
);
