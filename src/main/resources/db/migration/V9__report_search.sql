-- Lists and free-text search over reports. Japanese is written without spaces, so words cannot be split
-- reliably; instead the text is matched as a substring of one normalised column (NFKC folds full- and
-- half-width forms, lower() folds case; queries are normalised the same way in SQL), and two GIN indexes
-- find the candidate rows:
--  * pg_trgm for terms of three characters or more (LIKE '%term%' extracts the term's trigrams);
--  * the set of single characters for shorter terms (「停電」 has no trigram), and for Japanese terms on a
--    database whose LC_CTYPE is C, where pg_trgm ignores every non-ASCII character.
-- The report table is new in this release, so plain CREATE INDEX is fine here (no CONCURRENTLY needed).

create extension if not exists pg_trgm;

-- concat_ws() is only STABLE; || and coalesce() keep the expression IMMUTABLE, as a generated column needs.
alter table report add column search_text text generated always as (
    lower(normalize(number || ' ' || coalesce(title, '') || ' ' || coalesce(description_ja, '') || ' '
        || coalesce(description_en, ''), NFKC))) stored;

create index report_search_trigrams on report using gin (search_text gin_trgm_ops);
create index report_search_characters on report using gin (string_to_array(search_text, null));

-- Lists are newest first (drafts by creation, everything else by first submission) or most severe first;
-- with many matches a page is found by reading one of these in order.
create index report_newest on report ((coalesce(submitted_at, created_at)) desc, id desc);
create index report_most_severe on report (severity desc nulls last, (coalesce(submitted_at, created_at)) desc, id desc);
