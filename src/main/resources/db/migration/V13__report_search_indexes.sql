-- Searches that combine conditions each common alone but rare together (a sector, an event type and a
-- cause; a word and the viewer's sectors; a year of awareness) were slow: no index served the arrays, and
-- ANDing one bitmap per condition reads every condition's whole list (bench/reporting/RESULTS.md).
--  * The text indexes of V9 are rebuilt with the report's sectors, event types and causes as further
--    columns: one GIN scan then intersects the posting lists of a text term and of the filters inside the
--    index, skipping through the long ones, instead of building a bitmap per condition. Either index alone
--    serves the array filters too, so V6's report_by_sectors goes.
--  * A btree on aware_at for date ranges on the time of awareness (submission ranges already have
--    report_by_submitted and report_newest).
-- The report table is large and written all day, so the indexes are built CONCURRENTLY (each new one before
-- the old one goes): Flyway runs such a migration outside a transaction by itself, so every statement here
-- must be non-transactional, and spring.flyway.postgresql.transactional-lock is off, or Flyway's own lock
-- transaction would make the build wait forever. After an interrupted build, drop the INVALID index left
-- behind and run again.

create index concurrently if not exists report_text_trigrams on report
    using gin (search_text gin_trgm_ops, sectors, event_types, causes);

create index concurrently if not exists report_text_bigrams on report
    using gin (report_bigrams(search_text), sectors, event_types, causes);

drop index concurrently if exists report_search_trigrams;

drop index concurrently if exists report_search_bigrams;

drop index concurrently if exists report_by_sectors;

create index concurrently if not exists report_by_aware on report (aware_at);
