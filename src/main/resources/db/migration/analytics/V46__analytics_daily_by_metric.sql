-- The page's lists (searches, articles, return reasons) read one metric over up to a year of
-- days: by metric first, with what they sum, so that is read from the index alone.
create index analytics_daily_by_metric on analytics_daily (metric, day) include (dimension, count);
