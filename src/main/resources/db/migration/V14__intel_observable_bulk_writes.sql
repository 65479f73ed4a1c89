-- Bulk import (docs/adr/005) writes an intel_observable row for nearly every imported indicator, and two things on
-- that table cost more than they give:
--  * The foreign key object_seq -> intel_object (seq). Its per-row check locks the referenced object row
--    (FOR KEY SHARE), which dirties that heap page a second time and writes a WAL record per observable: measured at
--    about 40 % of the time of a COPY into intel_observable. Rows of STIX objects are written only by ObservableIndex,
--    with the seq of a version stored or read in the same transaction under the collection's write lock, so the
--    check never fails; what the key really did was delete an object's rows with it (TAXII delete, a collection
--    deleted). A statement-level trigger now does that, once per delete statement.
--  * intel_observable_by_object (collection_id, stix_id): only re-indexing used it, to find a source's rows. It now
--    finds them through the object's versions (intel_object's unique index) and intel_observable_by_seq.
-- Both changes are catalogue-only (no table scan): the constraint and index go at once inside this migration's
-- transaction, so CONCURRENTLY would buy nothing.

create function intel_observable_forget_objects() returns trigger language plpgsql as $$
begin
    delete from intel_observable o using gone g where o.object_seq = g.seq;
    return null;
end
$$;

create trigger intel_object_forget_observables after delete on intel_object
    referencing old table as gone for each statement execute function intel_observable_forget_objects();

alter table intel_observable drop constraint intel_observable_object_seq_fkey;

drop index intel_observable_by_object;
