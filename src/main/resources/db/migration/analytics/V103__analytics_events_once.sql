-- An event is handed to analytics at least once: when the database goes away between the
-- listener's commit and the publication being marked complete, the event is handed over again
-- (DatabaseOutageTests found an order counted twice). An event about a subject is kept once per
-- kind, moment and detail; the copies made before are removed.
delete from analytics_event a
 using analytics_event b
 where a.subject is not null
   and a.kind = b.kind and a.subject = b.subject and a.occurred_at = b.occurred_at
   and a.detail is not distinct from b.detail
   and a.id > b.id;

create unique index analytics_event_once on analytics_event (kind, subject, occurred_at, detail)
    nulls not distinct where subject is not null;
