-- Lists and free-text search over reports. Japanese is written without spaces, so words cannot be split
-- reliably; instead the text is matched as a substring of one normalised column (NFKC folds full- and
-- half-width forms, lower() folds case; queries are normalised the same way in SQL), and two GIN indexes
-- find the candidate rows:
--  * pg_trgm for terms of three letters or more (LIKE '%term%' extracts the term's trigrams);
--  * every pair of adjacent characters (bigrams) for shorter terms: 「停電」 has no trigram, so pg_trgm would
--    read the whole index. Also used for non-ASCII terms on a database whose LC_CTYPE is C, where pg_trgm
--    ignores every non-ASCII character. A one-character term is a prefix search over the bigrams.
-- The report table is new in this release, so plain CREATE INDEX is fine here (no CONCURRENTLY needed).

create extension if not exists pg_trgm;

-- concat_ws() is only STABLE; || and coalesce() keep the expression IMMUTABLE, as a generated column needs.
alter table report add column search_text text generated always as (
    lower(normalize(number || ' ' || coalesce(title, '') || ' ' || coalesce(description_ja, '') || ' '
        || coalesce(description_en, ''), NFKC))) stored;

-- The bigrams of a text as a tsvector, from two regexp passes (pairs starting at odd, then at even positions;
-- U+E000, a private-use character, separates them), so no per-character loop runs in SQL. The last character
-- is always left alone by one pass, so a prefix query finds every character. Its cost is declared high so
-- that the planner reads the index rather than computing it for every row.
create function report_bigrams(t text) returns tsvector language sql immutable strict parallel safe cost 10000
return array_to_tsvector(array_remove(string_to_array(
    regexp_replace(t, '(..)', '\1' || U&'\E000', 'g') || U&'\E000'
        || regexp_replace(substr(t, 2), '(..)', '\1' || U&'\E000', 'g'),
    U&'\E000'), ''));

-- What a term must contain: all its bigrams, or for one character any bigram starting with it.
create function report_bigram_query(q text) returns tsquery language sql immutable strict parallel safe as $$
    select case when length(q) = 1 then ('''' || replace(replace(q, '\', '\\'), '''', '''''') || ''':*')::tsquery
    else (select string_agg('''' || replace(replace(substr(q, i, 2), '\', '\\'), '''', '''''') || '''', ' & ')
          from generate_series(1, length(q) - 1) i)::tsquery end
$$;

create index report_search_trigrams on report using gin (search_text gin_trgm_ops);
create index report_search_bigrams on report using gin (report_bigrams(search_text));

-- Lists are newest first (drafts by creation, everything else by first submission) or most severe first;
-- with many matches a page is found by reading one of these in order.
create index report_newest on report ((coalesce(submitted_at, created_at)) desc, id desc);
create index report_most_severe on report (severity desc nulls last, (coalesce(submitted_at, created_at)) desc, id desc);
