-- Correlation of observables (module `intel`): one row per observable value per place it occurs, so storage grows
-- with the number of observables and never with the number of pairs (MISP's correlation table does the latter).
-- "Where else does this value occur" is one index probe: btree on (kind, match_key) for exact values and for
-- domains (reversed labels, so a parent domain is an equal key and subdomains a key range) and single addresses;
-- GiST inet_ops over stored networks and a btree over addresses for containment both ways. The tables are new and empty, so indexes are created inline.

create table intel_observable (
    id              bigint      generated always as identity primary key,
    kind            text        not null check (kind in ('ipv4', 'ipv6', 'domain', 'url', 'email', 'md5', 'sha1', 'sha256')),
    -- The normalised value as shown (198.51.100.0/24, evil.example.com, lower-case hex, ...) ...
    value           text        not null,
    -- ... and the key lookups compare: reversed labels with a trailing dot for domains (com.example.evil.), so a
    -- parent domain is an equal key and every subdomain sorts in one byte range; lower case elsewhere. "C" makes
    -- that range a plain btree range whatever the database's collation.
    match_key       text        collate "C" not null,
    -- IP kinds only: the address or network, for containment.
    network         inet,
    source_kind     text        not null check (source_kind in ('STIX_OBJECT', 'REPORT')),
    -- STIX_OBJECT: the last stored version of an object that carries the value (older versions are not indexed);
    -- deleting that version deletes its entries.
    object_seq      bigint      references intel_object (seq) on delete cascade,
    collection_id   uuid,
    stix_id         text,
    stix_type       text,
    -- Indicators only: when the indicator stops being valid (valid_until), shown as expired after that.
    valid_until     timestamptz,
    -- REPORT: the submitted report whose current version lists the value.
    report_id       uuid        references report (id) on delete cascade,
    -- When this source first and last carried the value (object version added / report version submitted).
    first_seen      timestamptz not null,
    last_seen       timestamptz not null,
    check ((source_kind = 'STIX_OBJECT') = (object_seq is not null and collection_id is not null and stix_id is not null)),
    check ((source_kind = 'REPORT') = (report_id is not null)),
    check ((kind in ('ipv4', 'ipv6')) = (network is not null))
);
create index intel_observable_by_key on intel_observable (kind, match_key);
-- Networks (a prefix shorter than the address) are few next to single addresses, and GiST inet_ops degrades with
-- millions of scattered addresses: the GiST index holds networks only, for "which stored networks contain this".
-- Single addresses are equal keys in intel_observable_by_key; "which stored addresses lie inside this network" is a
-- btree range on the inet (PostgreSQL turns <<= into one). The predicate is repeated word for word in the lookups.
create index intel_observable_networks on intel_observable using gist (network inet_ops)
    where (family(network) = 4 and masklen(network) < 32) or (family(network) = 6 and masklen(network) < 128);
create index intel_observable_by_address on intel_observable (network) where network is not null;
-- Re-indexing replaces a source's rows: these find them.
create index intel_observable_by_object on intel_observable (collection_id, stix_id) where source_kind = 'STIX_OBJECT';
create index intel_observable_by_report on intel_observable (report_id) where source_kind = 'REPORT';
create index intel_observable_by_seq on intel_observable (object_seq) where object_seq is not null;

-- STIX sightings, one row per sighting object (its last version), counted per sighting_of_ref at read time so a
-- reader's totals only include sightings in collections they may read.
create table intel_sighting (
    object_seq      bigint      primary key references intel_object (seq) on delete cascade,
    collection_id   uuid        not null,
    stix_id         text        not null,
    sighting_of_ref text        not null,
    count           bigint      not null check (count >= 0),
    first_seen      timestamptz not null,
    last_seen       timestamptz not null
);
create index intel_sighting_of on intel_sighting (sighting_of_ref, collection_id);
create index intel_sighting_by_object on intel_sighting (collection_id, stix_id);

-- An analyst's judgement that an indicator is a false positive: one per STIX id, across collections (the same
-- indicator shared in several collections is the same false positive). Lookups flag it; the report panel hides it.
create table intel_false_positive (
    stix_id         text        primary key,
    reason          text        not null check (length(reason) between 1 and 2000),
    marked_by       uuid        references app_user (id) on delete set null,
    organisation_id uuid        references organisation (id) on delete set null,
    marked_at       timestamptz not null
);

-- Whether the index has been built from what was stored before it existed (reports and objects): done once.
create table intel_index_state (
    name     text        primary key,
    built_at timestamptz not null
);
