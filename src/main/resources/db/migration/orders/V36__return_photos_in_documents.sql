-- A return's photos move into the document store: a new photo is a document, and the photos
-- kept here before are moved over at start-up (ReturnPhotoStore), each losing its bytes here
-- only in the transaction that keeps its document. One that cannot be moved (no owner, or the
-- store refuses it) stays here, readable as before.
alter table return_photo add column document_id uuid references document (id);
alter table return_photo alter column content drop not null;
alter table return_photo add column unmovable boolean not null default false;
alter table return_photo add constraint return_photo_somewhere check (content is not null or document_id is not null);
