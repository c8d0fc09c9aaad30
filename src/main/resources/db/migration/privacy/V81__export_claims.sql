-- An export being made is claimed by the node making it, for a lease the node renews as it
-- goes: when the node dies, the lease runs out and another node takes the export on; the
-- claim decides which of two makers finishes it, so it is made once (DataExports).
alter table data_export add column claim uuid;
alter table data_export add column lease_until timestamp with time zone;
create index data_export_running_idx on data_export (lease_until) where status = 'RUNNING';
