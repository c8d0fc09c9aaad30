-- A vendor's purchase order may come as an X12 850 (source X12); Concierge's answers, the 997
-- and the 855 in the sender's delimiters, are kept as sent so that the vendor can download
-- them again. Purchase orders by form or CSV have none kept: their 855 is written when asked.
alter table purchase_order drop constraint purchase_order_source_check;
alter table purchase_order add constraint purchase_order_source_check
    check (source in ('FORM', 'CSV', 'API', 'X12'));
alter table purchase_order add column edi_855 text;
alter table purchase_order add column edi_997 text;
