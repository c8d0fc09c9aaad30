-- the steps of a real ticket draft, found by the draft's id when the draft is decided
create index analytics_event_draft_steps on analytics_event (subject) where kind in ('DRAFT_HELPED', 'DRAFT_TICKET');
