-- STIX object store and TAXII 2.1 collections (module `intel`). docs/adr/003-stix-store-and-taxii-paging.md says
-- why the store looks like this: every object version is kept once per collection with the bytes it arrived in,
-- and pages are read by keyset on (date_added, seq), which a per-collection write lock keeps gap-free.
-- The tables are new and empty, so their indexes are created inline rather than CONCURRENTLY.

create table intel_collection (
    -- A TAXII identifier: a version-4 UUID, as the specification requires.
    id                 uuid        primary key,
    title              text        not null,
    description        text,
    -- TAXII lets a client use the alias in place of the id; it must be unique within the API root.
    alias              text        check (alias ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    media_types        text[]      not null default '{application/stix+json;version=2.1}',
    readable_by_all    boolean     not null default false,
    readable_by_centre boolean     not null default false,
    -- The date_added of the newest object: writers take this row's lock and count on from it, so date_added
    -- grows strictly within a collection in commit order (see the ADR).
    last_added_at      timestamptz not null default '1970-01-01T00:00:00Z',
    created_at         timestamptz not null,
    created_by         uuid        references app_user (id) on delete set null
);
create unique index intel_collection_alias_uq on intel_collection (alias);

-- Who may read or write a collection: exactly one of an organisation, a group (CEPTOAR, SIG, sharing group)
-- or a role held in any organisation. A token still needs the intel:read / intel:write scope on top.
create table intel_collection_grant (
    id              bigint      generated always as identity primary key,
    collection_id   uuid        not null references intel_collection (id) on delete cascade,
    organisation_id uuid        references organisation (id) on delete cascade,
    group_id        uuid        references member_group (id) on delete cascade,
    role            text        check (role in ('PLATFORM_ADMIN', 'ORG_ADMIN', 'ANALYST', 'COORDINATOR', 'REPORTER', 'VIEWER')),
    can_read        boolean     not null,
    can_write       boolean     not null,
    check (num_nonnulls(organisation_id, group_id, role) = 1),
    check (can_read or can_write)
);
create index intel_collection_grant_by_collection on intel_collection_grant (collection_id);

create table intel_object (
    -- Insertion order; breaks ties in the keyset and is what a `next` cursor points at.
    seq           bigint      generated always as identity primary key,
    collection_id uuid        not null references intel_collection (id) on delete cascade,
    stix_id       text        not null,
    stix_type     text        not null,
    spec_version  text        not null,
    -- The version as the object wrote it (modified, else created, else the fixed SCO version) ...
    version       text        not null,
    -- ... and as an instant, for ordering, first/last and match[version].
    version_at    timestamptz not null,
    -- Assigned by the server, unique and increasing within a collection (microseconds, as TAXII requires).
    date_added    timestamptz not null,
    is_first      boolean     not null,
    is_last       boolean     not null,
    -- The object exactly as it was posted, served back byte for byte inside envelopes ...
    raw           text        not null,
    -- ... and parsed, for queries (correlation, search) that look inside objects.
    content       jsonb       not null,
    -- The same version of an object posted twice is stored once.
    unique (collection_id, stix_id, version_at)
);
-- Get Objects / Get Manifest with the default match[version]=last: the page is one index range scan.
create index intel_object_last_page on intel_object (collection_id, date_added, seq) where is_last;
-- match[version]=all (or first, or explicit versions) pages over every version.
create index intel_object_page on intel_object (collection_id, date_added, seq);
-- match[type] without scanning other types.
create index intel_object_type_page on intel_object (collection_id, stix_type, date_added, seq) where is_last;

-- The outcome of one Add Objects request. Only its author may read it back.
create table intel_status (
    id                uuid        primary key,
    collection_id     uuid        not null references intel_collection (id) on delete cascade,
    user_id           uuid        not null references app_user (id) on delete cascade,
    status            text        not null check (status in ('complete', 'pending')),
    request_timestamp timestamptz not null,
    total_count       int         not null,
    success_count     int         not null,
    failure_count     int         not null,
    pending_count     int         not null,
    -- Lists of TAXII status-details ({id, version, message}).
    successes         jsonb       not null,
    failures          jsonb       not null,
    pendings          jsonb       not null
);
create index intel_status_by_age on intel_status (request_timestamp);

-- Server-side keys that must be the same on every node (the key that signs TAXII `next` cursors).
create table intel_server_key (
    name       text        primary key,
    key_bytes  bytea       not null,
    created_at timestamptz not null
);
