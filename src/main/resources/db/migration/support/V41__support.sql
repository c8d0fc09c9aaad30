-- Support: the knowledge base's articles with their history, votes and searches; tickets
-- with their conversation, service levels, ratings and events; what agents keep (canned
-- replies, saved views); and the events deflection is measured from.

create table article (
    id           uuid primary key,
    slug         text not null,
    locale       text not null check (locale in ('en', 'de')),
    category     text not null,
    title        text not null,
    body         text not null,
    status       text not null check (status in ('DRAFT', 'PUBLISHED')),
    version      int not null,
    related      text not null default '',
    helpful      int not null default 0,
    unhelpful    int not null default 0,
    -- the share of the last 90 days' votes that found it helpful, smoothed towards a half
    helpfulness  double precision not null default 0.5,
    updated_at   timestamp with time zone not null,
    published_at timestamp with time zone,
    unique (slug, locale)
);

-- every saved text of an article, the newest being the article's
create table article_version (
    article   uuid not null references article (id),
    version   int not null,
    title     text not null,
    body      text not null,
    edited_by uuid,
    edited_at timestamp with time zone not null,
    primary key (article, version)
);

-- one vote per reader (an account, or a browser's session) and article; a reader may
-- change their mind
create table article_vote (
    article  uuid not null references article (id),
    voter    text not null,
    helpful  boolean not null,
    voted_at timestamp with time zone not null,
    primary key (article, voter)
);

create table help_search (
    id          bigserial primary key,
    query       text not null,
    locale      text not null,
    results     int not null,
    searched_at timestamp with time zone not null
);
create index help_search_zero_idx on help_search (searched_at) where results = 0;

create sequence ticket_number_seq start with 100001;

create table ticket (
    id                 uuid primary key,
    number             text not null unique,
    account            uuid not null,
    email              text not null,
    subject            text not null,
    category           text not null check (category in ('ORDER', 'DELIVERY', 'RETURN', 'BILLING', 'ACCOUNT', 'OTHER')),
    tier               text not null check (tier in ('STANDARD', 'BUSINESS')),
    status             text not null check (status in ('NEW', 'OPEN', 'WAITING', 'SOLVED', 'CLOSED')),
    context_kind       text check (context_kind in ('ORDER', 'LINE', 'PARCEL', 'RETURN', 'INVOICE')),
    context_ref        text,
    order_number       text,
    assignee           uuid,
    merged_into        uuid references ticket (id),
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null,
    first_response_due timestamp with time zone not null,
    resolution_due     timestamp with time zone not null,
    first_response_at  timestamp with time zone,
    waiting_since      timestamp with time zone,
    solved_at          timestamp with time zone,
    closed_at          timestamp with time zone,
    breached           text check (breached in ('FIRST_RESPONSE', 'RESOLUTION'))
);
create index ticket_owner_idx on ticket (account, updated_at desc);
create index ticket_queue_idx on ticket (status, resolution_due);
create index ticket_order_idx on ticket (order_number, created_at) where order_number is not null;

create table ticket_message (
    id          uuid primary key,
    ticket      uuid not null references ticket (id),
    author      uuid,
    author_kind text not null check (author_kind in ('CUSTOMER', 'AGENT', 'SYSTEM', 'ASSISTANT')),
    internal    boolean not null default false,
    body        text not null,
    via         text not null check (via in ('WEB', 'EMAIL', 'ASSISTANT', 'SYSTEM')),
    mail_id     text unique,
    document    uuid,
    created_at  timestamp with time zone not null
);
create index ticket_message_ticket_idx on ticket_message (ticket, created_at);

-- what happened to a ticket, for handle time and first-contact resolution
create table ticket_event (
    id          bigserial primary key,
    ticket      uuid not null references ticket (id),
    kind        text not null,
    actor       uuid,
    detail      text,
    occurred_at timestamp with time zone not null
);
create index ticket_event_ticket_idx on ticket_event (ticket, occurred_at);

create table ticket_rating (
    ticket   uuid primary key references ticket (id),
    score    int not null check (score between 1 and 5),
    comment  text,
    rated_at timestamp with time zone not null
);

-- first response and resolution, in business hours, per category and customer tier
create table support_sla (
    category          text not null,
    tier              text not null,
    first_response_minutes int not null check (first_response_minutes > 0),
    resolution_minutes     int not null check (resolution_minutes > 0),
    primary key (category, tier)
);
insert into support_sla (category, tier, first_response_minutes, resolution_minutes)
select category, tier,
       case when tier = 'BUSINESS' then 120 else 480 end,
       case when tier = 'BUSINESS' then 960 else 2400 end
from unnest(array['ORDER', 'DELIVERY', 'RETURN', 'BILLING', 'ACCOUNT', 'OTHER']) category,
     unnest(array['STANDARD', 'BUSINESS']) tier;

create table support_holiday (
    day  date primary key,
    name text not null
);
insert into support_holiday (day, name) values
    ('2026-12-24', 'Christmas Eve'), ('2026-12-25', 'Christmas Day'), ('2026-12-26', 'Boxing Day'),
    ('2026-12-31', 'New Year''s Eve'), ('2027-01-01', 'New Year''s Day'), ('2027-03-26', 'Good Friday'),
    ('2027-03-29', 'Easter Monday'), ('2027-05-01', 'Labour Day'), ('2027-10-03', 'German Unity Day');

create table canned_reply (
    id    uuid primary key,
    title text not null unique,
    body  text not null
);
insert into canned_reply (id, title, body) values
    (gen_random_uuid(), 'Parcel on its way', 'Hello {customer.name},

your order {order.number} is on its way; you can follow it live at {order.link}.

Kind regards,
{agent.name}'),
    (gen_random_uuid(), 'Return received', 'Hello {customer.name},

we have received the return of order {order.number}; the refund follows within five working days.

Kind regards,
{agent.name}');

create table support_saved_view (
    id    uuid primary key,
    agent uuid not null,
    name  text not null,
    query text not null,
    unique (agent, name)
);

-- whom the next new ticket goes to
create table support_rotation (
    id         int primary key check (id = 1),
    last_agent uuid
);
insert into support_rotation (id, last_agent) values (1, null);

-- what customers did on the way to (or instead of) a ticket: deflection's raw events
create table support_event (
    id           bigserial primary key,
    kind         text not null check (kind in ('TICKET_STARTED', 'ARTICLE_SHOWN', 'ARTICLE_VIEWED', 'STATE_SHOWN',
                                              'TICKET_OPENED', 'ASSISTANT_ANSWERED', 'ASSISTANT_HANDOVER')),
    draft        uuid,
    account      uuid,
    order_number text,
    article      text,
    ticket       uuid,
    occurred_at  timestamp with time zone not null
);
create index support_event_draft_idx on support_event (draft, occurred_at);
create index support_event_time_idx on support_event (occurred_at);
