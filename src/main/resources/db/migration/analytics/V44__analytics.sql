-- Analytics: the product's own events, raw, and their sums per day (see README, "How the rates
-- are computed"). The page reads only the sums; a job adds the new raw events to them.

create table analytics_event (
    id bigint generated always as identity primary key,
    occurred_at timestamp with time zone not null,
    kind text not null,
    account uuid,
    channel text check (channel in ('PORTAL', 'AGENT')),
    subject text,
    value double precision,
    detail text
);

-- one answer to the survey per account and 90 days
create index analytics_event_survey on analytics_event (account, occurred_at) where kind = 'NPS';
-- drafts are decided 72 hours after they start, with the tickets of the same account
create index analytics_event_drafts on analytics_event (occurred_at) where kind = 'DRAFT_STARTED';
create index analytics_event_tickets on analytics_event (account, occurred_at) where kind = 'TICKET_OPENED';

create table analytics_daily (
    day date not null,
    metric text not null,
    dimension text not null default '',
    count bigint not null,
    sum double precision not null,
    primary key (day, metric, dimension)
);

-- which customers were active on a day, and whether through the portal: distinct customers
-- cannot be added up from daily sums, so the job keeps them here and counts each once
create table analytics_active (
    day date not null,
    account uuid not null,
    portal boolean not null,
    primary key (day, account)
);

-- how far the job has got: the last event id added, the time up to which drafts are decided
create table analytics_watermark (
    name text primary key,
    last_id bigint not null default 0,
    decided_until timestamp with time zone
);
insert into analytics_watermark (name, last_id) values ('rollup', 0);

create table analytics_target (
    metric text primary key,
    percent numeric(5, 2) not null check (percent between 0 and 100),
    changed_by text not null,
    changed_at timestamp with time zone not null
);
